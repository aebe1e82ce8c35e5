package dev.dataemulator.kafka.internal;

import dev.dataemulator.core.spi.DeliveryTracker;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Reports the outcome of one record to its tracker exactly once: from the producer's callback, or as "not taken" when
 * {@code send} throws before the callback ran (then the runner counts the record itself). A record written in a
 * worker lane of its own ({@link LaneWriter}) tells its lane as well: an acknowledged record of a transaction is
 * delivered only when the transaction commits, and a failed one stops the lane's checkpoints.
 */
public final class Delivery implements Callback {
    private static final AtomicIntegerFieldUpdater<Delivery> REPORTED =
            AtomicIntegerFieldUpdater.newUpdater(Delivery.class, "reported");

    /**
     * Trackers already told to abort, so that a burst of failures caused by one fatal error aborts each emulation
     * once instead of once per record. Weak: trackers belong to emulations that end.
     */
    private static final Map<DeliveryTracker, Boolean> ABORTED = Collections.synchronizedMap(new WeakHashMap<>());

    /** What a lane does with its records' outcomes. */
    public interface Lane {
        /**
         * @param tracker the record's tracker
         * @return whether the lane reports the acknowledged record itself (a transaction's, when it commits); when
         *     {@code false} it is reported delivered at once
         */
        boolean acknowledged(DeliveryTracker tracker);

        /** @param error why a record of the lane failed (it is reported failed at once) */
        void failed(Exception error);
    }

    private final DeliveryTracker tracker;
    /** The record's lane, or null for a record written outside one. */
    private final Lane lane;
    /** 1 once the outcome is reported; a field updater rather than an AtomicBoolean: one object per record less. */
    private volatile int reported;

    public Delivery(DeliveryTracker tracker) {
        this(tracker, null);
    }

    /**
     * @param tracker the record's tracker
     * @param lane the record's lane, or null
     */
    public Delivery(DeliveryTracker tracker, Lane lane) {
        this.tracker = tracker;
        this.lane = lane;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (!REPORTED.compareAndSet(this, 0, 1)) {
            return;
        }
        if (exception == null) {
            if (lane == null || !lane.acknowledged(tracker)) {
                tracker.delivered(1);
            }
            return;
        }
        tracker.failed(1, exception);
        if (lane != null) {
            lane.failed(exception);
        }
        if (isFatal(exception) && ABORTED.put(tracker, Boolean.TRUE) == null) {
            tracker.abort(exception);
        }
    }

    /**
     * Claims the record for the caller after {@code send} threw.
     *
     * @return {@code true} when the callback has not reported it, so the caller must count it as failed
     */
    public boolean claimNotTaken() {
        return REPORTED.compareAndSet(this, 0, 1);
    }

    /**
     * @return whether {@code error} makes further production pointless: credentials refused, missing authorization,
     *     or a producer state the client cannot recover from
     */
    public static boolean isFatal(Throwable error) {
        return error instanceof AuthenticationException
                || error instanceof AuthorizationException
                || error instanceof UnsupportedVersionException
                || error instanceof ProducerFencedException
                || error instanceof InvalidProducerEpochException
                || error instanceof OutOfOrderSequenceException;
    }
}
