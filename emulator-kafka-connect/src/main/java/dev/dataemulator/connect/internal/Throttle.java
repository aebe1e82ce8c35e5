package dev.dataemulator.connect.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces one task at a fixed rate without busy-spinning: permits accrue continuously, at most one second's worth is
 * kept after a pause, and a caller without permits waits on the task's stop latch, so {@code stop()} ends the wait
 * at once. Used by the task's polling thread only.
 */
public final class Throttle {
    /** The longest single wait, so a poll returns (empty) regularly even at very low rates. */
    static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final CountDownLatch stopped;
    private double permits;
    private long last;

    /**
     * @param perSecond the rate in records per second, &gt; 0
     * @param nanoTime the time source ({@link System#nanoTime()} outside tests)
     * @param stopped counted down when the task stops; waits end early then
     */
    public Throttle(double perSecond, LongSupplier nanoTime, CountDownLatch stopped) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate " + perSecond + " must be > 0");
        }
        this.perNano = perSecond / 1e9;
        this.burst = Math.max(1.0, perSecond);
        this.nanoTime = nanoTime;
        this.stopped = stopped;
        this.last = nanoTime.getAsLong();
    }

    /**
     * Takes up to {@code max} permits, waiting (at most {@link #MAX_WAIT_NANOS}) for the first one.
     *
     * @return the permits granted, 0 when none accrued in time or the task stopped
     * @throws InterruptedException when interrupted while waiting
     */
    public int acquire(int max) throws InterruptedException {
        refill();
        if (permits < 1.0) {
            long waitNanos = (long) Math.ceil((1.0 - permits) / perNano);
            if (stopped.await(Math.min(waitNanos, MAX_WAIT_NANOS), TimeUnit.NANOSECONDS)) {
                return 0;
            }
            refill();
            if (permits < 1.0) {
                return 0;
            }
        }
        int granted = (int) Math.min(max, Math.floor(permits));
        permits -= granted;
        return granted;
    }

    /** Gives back permits taken but not used (the task had fewer records than it was allowed). */
    public void release(int unused) {
        permits = Math.min(burst, permits + unused);
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        permits = Math.min(burst, permits + (now - last) * perNano);
        last = now;
    }
}
