package dev.dataemulator.benchmarks.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system UTC clock, noting when the thread that starts an emulation first reads it: the runner reads the clock
 * once while starting, to fix its deadline ({@code now + duration}), so that reading gives the deadline's base to the
 * millisecond, whatever sink and client creation cost before it. Workers read the clock on their own threads.
 */
public final class DeadlineClock extends Clock {
    private final Clock system = Clock.systemUTC();
    private final Thread starter;
    private volatile long firstNanos;

    /** @param starter the thread that will call {@code EmulationRunner.start} */
    public DeadlineClock(Thread starter) {
        this.starter = starter;
    }

    /** @return {@link System#nanoTime()} at the starter's first reading, 0 when it has not read the clock */
    public long firstNanos() {
        return firstNanos;
    }

    @Override
    public long millis() {
        if (firstNanos == 0 && Thread.currentThread() == starter) {
            firstNanos = System.nanoTime();
        }
        return system.millis();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
