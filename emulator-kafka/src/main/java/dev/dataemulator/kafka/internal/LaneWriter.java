package dev.dataemulator.kafka.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.DeliveryTracker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one worker lane of one emulation, when the lane keeps checkpoints (a resumable emulation) or writes
 * in transactions ({@code exactly_once}). Every {@code checkpoint_interval}, at the first record of a new position
 * (so a record and the duplicate the faults setting puts right after it stay together), the lane draws a boundary:
 * <ul>
 *   <li><b>exactly once</b>: its own transactional producer sends the lane's checkpoint (the position of its last
 *       record) into the same transaction as the records, and commits it; the records are reported delivered when
 *       the commit succeeds, so a consumer with {@code isolation.level=read_committed} sees a lane's records and its
 *       checkpoint together or not at all;</li>
 *   <li><b>at least once</b>: the shared producer is flushed (every record sent before it is acknowledged), then the
 *       checkpoint is sent: a crash between a record and the next checkpoint makes a resume write that record
 *       again, never lose it. A lane with a failed record writes no more checkpoints.</li>
 * </ul>
 * Used by the lane's worker; the final flush (another thread, after the worker ended) draws the last boundary.
 * Synchronized, so that a flush of a sink several emulations share only draws an earlier boundary.
 */
public final class LaneWriter implements Delivery.Lane {
    private static final Logger LOG = LoggerFactory.getLogger(LaneWriter.class);

    private final Producer<String, byte[]> producer;
    private final boolean transactional;
    /** Where the lane's checkpoints go; null when the emulation keeps none (exactly once without resume). */
    private final CheckpointStore.Lane checkpoints;
    private final long intervalNanos;
    private final String name;
    /** Acknowledged records of the open transaction, reported delivered when it commits. */
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile Exception failure;
    private DeliveryTracker tracker;
    private boolean open;
    private long boundaryNanos = System.nanoTime();
    private long lastPosition = -1;
    private long checkpointed = -1;

    /**
     * @param producer the lane's transactional producer (initialised) or the sink's shared producer
     * @param transactional whether {@code producer} is the lane's own transactional producer
     * @param checkpoints where the lane's checkpoints go, or null for none
     * @param interval how often a boundary is drawn
     * @param name how messages name the lane
     */
    public LaneWriter(Producer<String, byte[]> producer, boolean transactional, CheckpointStore.Lane checkpoints,
            Duration interval, String name) {
        this.producer = producer;
        this.transactional = transactional;
        this.checkpoints = checkpoints;
        this.intervalNanos = interval.toNanos();
        this.name = name;
    }

    /**
     * Draws a boundary when one is due, opens a transaction when none is: call before sending {@code record}.
     *
     * @return the producer to send {@code record} with
     */
    public synchronized Producer<String, byte[]> before(EmulatedRecord record) {
        if (lastPosition >= 0 && record.position() != lastPosition
                && System.nanoTime() - boundaryNanos >= intervalNanos) {
            boundary();
        }
        if (transactional && !open) {
            try {
                producer.beginTransaction();
            } catch (KafkaException | IllegalStateException e) {
                throw new SinkException("Kafka " + name + " could not begin a transaction: " + e, e);
            }
            open = true;
        }
        tracker = record.tracker();
        return producer;
    }

    /** Call once {@code record} was handed to the producer. */
    public synchronized void after(EmulatedRecord record) {
        lastPosition = record.position();
    }

    /** Draws the last boundary: commits the open transaction, or writes the last checkpoint. */
    public synchronized void finish() {
        boundary();
    }

    @Override
    public boolean acknowledged(DeliveryTracker recordTracker) {
        if (!transactional) {
            return false;
        }
        acknowledged.incrementAndGet();
        return true;
    }

    @Override
    public void failed(Exception error) {
        if (failure == null) {
            failure = error;
        }
    }

    /** Closes the lane's own transactional producer; an open transaction is aborted by the broker or a resume. */
    public void close(Duration timeout) {
        if (transactional) {
            producer.close(timeout);
        }
    }

    private void boundary() {
        boundaryNanos = System.nanoTime();
        if (transactional) {
            commit();
            return;
        }
        if (checkpoints == null || lastPosition == checkpointed) {
            return;
        }
        try {
            producer.flush();
        } catch (KafkaException | IllegalStateException e) {
            LOG.warn("Kafka {}: flushing before a checkpoint failed; the checkpoint stays at {}: {}", name,
                    checkpointed, e.toString());
            return;
        }
        if (failure != null) {
            return; // a record of the lane failed: the checkpoint stays before it
        }
        long position = lastPosition;
        producer.send(checkpoints.record(position), (metadata, error) -> {
            if (error != null) {
                LOG.warn("Kafka {}: checkpoint at position {} not written (a resume repeats from the previous "
                        + "one): {}", name, position, error.toString());
            }
        });
        checkpointed = position;
    }

    private void commit() {
        if (!open) {
            return;
        }
        open = false;
        try {
            if (checkpoints != null && lastPosition != checkpointed) {
                producer.send(checkpoints.record(lastPosition));
            }
            producer.commitTransaction();
            checkpointed = lastPosition;
            tracker.delivered(acknowledged.getAndSet(0));
        } catch (KafkaException | IllegalStateException e) {
            long lost = acknowledged.getAndSet(0);
            try {
                producer.abortTransaction();
            } catch (KafkaException | IllegalStateException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            SinkException cause = new SinkException("Kafka " + name + " could not commit its transaction; its "
                    + lost + " record(s) since the last commit are not visible to read_committed consumers and a "
                    + "resume writes them again: " + e, e);
            tracker.failed(lost, cause);
            tracker.abort(cause);
        }
    }
}
