package dev.dataemulator.core.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A global rate shared by all workers: each permit gets the next free slot on a timeline spaced
 * {@code 1/rate} apart, so the rate holds however many threads ask. A worker that falls behind does not burst
 * more than one second's worth to catch up.
 */
public final class RateLimiter {
    private final long intervalNanos;
    private final double rate;
    private final AtomicLong nextSlot;

    public RateLimiter(double ratePerSecond) {
        this.rate = ratePerSecond;
        this.intervalNanos = Math.max(1L, Math.round(TimeUnit.SECONDS.toNanos(1) / ratePerSecond));
        this.nextSlot = new AtomicLong(System.nanoTime());
    }

    /**
     * Waits for the next permit.
     *
     * @param cancelled checked while waiting; when it turns true the wait ends early
     * @return {@code false} when cancelled before the permit was due
     */
    public boolean acquire(BooleanSupplier cancelled) {
        long now = System.nanoTime();
        long floor = now - TimeUnit.SECONDS.toNanos(1);
        long slot = nextSlot.getAndUpdate(s -> Math.max(s, floor) + intervalNanos);
        slot = Math.max(slot, floor);
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
        }
        return true;
    }

    public double rate() {
        return rate;
    }
}
