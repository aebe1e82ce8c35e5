package dev.dataemulator.core.testing;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.SyncProducer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * A test double whose behaviour is chosen per test: reject some records in {@code produce} (with an exception or an
 * error), fail the setup, report
 * delivery late (at flush), or forget to report. Records it accepted are kept by sequence number.
 */
public final class ScriptedSink implements SyncProducer {
    private LongPredicate rejectInProduce = seq -> false;
    private LongPredicate errorInProduce = seq -> false;
    private RuntimeException setupFailure;
    private boolean deliverAtFlush;
    private boolean forget;
    private long produceDelayNanos;
    private Runnable beforeFlush = () -> { };
    private final ConcurrentLinkedQueue<EmulatedRecord> accepted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<EmulatedRecord> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong produceCalls = new AtomicLong();
    public final AtomicInteger flushes = new AtomicInteger();
    public final AtomicInteger closes = new AtomicInteger();

    public ScriptedSink rejectWhen(LongPredicate seqPredicate) {
        this.rejectInProduce = seqPredicate;
        return this;
    }

    /** Throws an {@link Error} (not an exception) from {@code produce} for the records it matches. */
    public ScriptedSink errorWhen(LongPredicate seqPredicate) {
        this.errorInProduce = seqPredicate;
        return this;
    }

    /** Runs {@code action} at the start of every {@code flush}, e.g. to hold the run's final flush. */
    public ScriptedSink beforeFlush(Runnable action) {
        this.beforeFlush = action;
        return this;
    }

    public ScriptedSink failSetup(RuntimeException failure) {
        this.setupFailure = failure;
        return this;
    }

    public ScriptedSink deliverAtFlush() {
        this.deliverAtFlush = true;
        return this;
    }

    public ScriptedSink forgetToReport() {
        this.forget = true;
        return this;
    }

    public ScriptedSink slowProduce(long nanos) {
        this.produceDelayNanos = nanos;
        return this;
    }

    @Override
    public void setupResource(String resource) {
        if (setupFailure != null) {
            throw setupFailure;
        }
    }

    @Override
    public void produce(String resource, String key, EmulatedRecord record) {
        produceCalls.incrementAndGet();
        if (produceDelayNanos > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(produceDelayNanos);
        }
        if (errorInProduce.test(record.seq())) {
            throw new LinkageError("error in produce of record " + record.seq());
        }
        if (rejectInProduce.test(record.seq())) {
            throw new SinkException("rejected record " + record.seq());
        }
        accepted.add(record);
        if (forget) {
            return;
        }
        if (deliverAtFlush) {
            pending.add(record);
        } else {
            record.tracker().delivered(1);
        }
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
        beforeFlush.run();
        EmulatedRecord record;
        while ((record = pending.poll()) != null) {
            record.tracker().delivered(1);
        }
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    public List<EmulatedRecord> accepted() {
        return List.copyOf(accepted);
    }

    public long produceCalls() {
        return produceCalls.get();
    }
}
