package dev.dataemulator.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The clock domains are opened with ({@link dev.dataemulator.core.spi.DomainContext#clock()}): while a record is
 * being made on a thread it reads that record's event time (set by {@link RecordMaker}); at any other time it reads
 * the emulation clock. So every domain's "now"-relative fields derive from the record's event time without any
 * change to the domain, and stay a pure function of the record.
 */
public final class RecordClock extends Clock {
    private static final long NONE = Long.MIN_VALUE;
    /** Threads remembered in front of the thread-local (a power of two). */
    private static final int CACHED_THREADS = 64;
    private final Clock base;
    private final ThreadLocal<long[]> current;
    /**
     * The slots of recent threads by thread id: every record reads the clock, and a thread-local lookup (a probe of
     * the thread's map, often more than one) cost more than the rest of the read. Racy on purpose: entries are
     * immutable, a lost write only means a later lookup through {@link #current}.
     */
    private final Cached[] cache = new Cached[CACHED_THREADS];

    /** @param base the emulation clock, read outside records */
    public RecordClock(Clock base) {
        this(base, ThreadLocal.withInitial(() -> new long[] {NONE}));
    }

    private RecordClock(Clock base, ThreadLocal<long[]> current) {
        this.base = base;
        this.current = current;
    }

    /** @return this thread's slot: index 0 holds the record's event time, or {@link Long#MIN_VALUE} outside one */
    long[] slot() {
        Thread thread = Thread.currentThread();
        int index = (int) thread.getId() & (CACHED_THREADS - 1);
        Cached cached = cache[index];
        if (cached != null && cached.thread == thread) {
            return cached.slot;
        }
        long[] slot = current.get();
        cache[index] = new Cached(thread, slot);
        return slot;
    }

    static long none() {
        return NONE;
    }

    @Override
    public long millis() {
        long value = slot()[0];
        return value == NONE ? base.millis() : value;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(base.getZone()) ? this : new RecordClock(base.withZone(zone), current);
    }

    /** A thread and its slot. */
    private record Cached(Thread thread, long[] slot) {
    }
}
