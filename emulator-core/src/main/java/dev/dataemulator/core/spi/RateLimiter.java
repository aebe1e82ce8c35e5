package dev.dataemulator.core.spi;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The one rate limiter: permits (records) at a fixed rate, shared by any number of threads. Used by the engine for
 * {@link dev.dataemulator.core.EmulationSpec#ratePerSecond()} and by the Kafka Connect source task for its share of
 * {@code rate.per.second}.
 *
 * <p>Permits fall due on a timeline spaced {@code 1/rate} apart; each permit taken moves the timeline on, so the
 * rate holds however many threads ask. Time not used is kept for at most one second's worth of permits (at least
 * one), so a caller that paused does not burst more than that to catch up. The first permit is due at once.
 *
 * <p>Thread-safe and lock-free. {@link #acquire(BooleanSupplier)} blocks (one permit, waiting in slices of at most
 * 50 ms so cancellation is noticed); {@link #tryAcquire(int)} never blocks and takes what is due, for callers that
 * wait on a condition of their own between tries ({@link #nanosUntilNextPermit()} says how long).
 */
public final class RateLimiter {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_PARK = TimeUnit.MILLISECONDS.toNanos(50);

    private final double rate;
    private final long intervalNanos;
    /** How far behind "now" the timeline may fall: one second's worth of permits, less the one due now. */
    private final long keptNanos;
    private final LongSupplier nanoTime;
    /** When the next permit falls due. */
    private final AtomicLong next;

    /**
     * @param perSecond permits per second, positive and finite
     * @throws IllegalArgumentException when the rate is not positive and finite
     */
    public RateLimiter(double perSecond) {
        this(perSecond, System::nanoTime);
    }

    /**
     * @param perSecond permits per second, positive and finite
     * @param nanoTime the time source, {@link System#nanoTime()} outside tests
     * @throws IllegalArgumentException when the rate is not positive and finite
     */
    public RateLimiter(double perSecond, LongSupplier nanoTime) {
        if (!(perSecond > 0 && Double.isFinite(perSecond))) {
            throw new IllegalArgumentException("rate " + perSecond + " must be positive and finite");
        }
        this.rate = perSecond;
        this.intervalNanos = Math.max(1L, Math.round(SECOND / perSecond));
        this.keptNanos = Math.max(0L, SECOND - intervalNanos);
        this.nanoTime = nanoTime;
        this.next = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * Takes the next permit, waiting until it is due.
     *
     * @param cancelled checked while waiting; when it turns true (or the thread is interrupted) the wait ends early
     * @return {@code false} when cancelled or interrupted before the permit was due (the interrupt stays set)
     */
    public boolean acquire(BooleanSupplier cancelled) {
        long floor = nanoTime.getAsLong() - keptNanos;
        long slot = Math.max(floor, next.getAndUpdate(s -> Math.max(s, floor) + intervalNanos));
        long wait;
        while ((wait = slot - nanoTime.getAsLong()) > 0) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(wait, MAX_PARK));
        }
        return true;
    }

    /**
     * Takes up to {@code max} permits that are due now, without waiting.
     *
     * @param max the most permits wanted, at least 1
     * @return the permits taken, from 0 (none due yet) to {@code max}
     */
    public int tryAcquire(int max) {
        while (true) {
            long now = nanoTime.getAsLong();
            long current = next.get();
            long start = Math.max(current, now - keptNanos);
            if (start > now) {
                return 0;
            }
            int granted = (int) Math.min(max, (now - start) / intervalNanos + 1);
            if (next.compareAndSet(current, start + granted * intervalNanos)) {
                return granted;
            }
        }
    }

    /**
     * Gives back permits taken with {@link #tryAcquire(int)} but not used (a caller had fewer records than it was
     * allowed); they fall due again at once, within the one-second limit.
     *
     * @param permits how many, at least 0
     */
    public void release(int permits) {
        if (permits > 0) {
            next.addAndGet(-permits * intervalNanos);
        }
    }

    /** @return how long until the next permit falls due, 0 when one is due now */
    public long nanosUntilNextPermit() {
        return Math.max(0L, next.get() - nanoTime.getAsLong());
    }

    /** @return the rate in permits per second */
    public double rate() {
        return rate;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + rate + "/s]";
    }
}
