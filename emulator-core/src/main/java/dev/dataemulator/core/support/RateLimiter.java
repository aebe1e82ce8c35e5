package dev.dataemulator.core.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
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
 *
 * <p>The rate may vary ({@link #RateLimiter(DoubleSupplier, LongSupplier)}, e.g. a
 * {@link dev.dataemulator.core.RateCurve} read at the emulation clock's hour): each permit is spaced by the rate
 * read when it is taken, and while the rate is 0 no permit falls due (waiters look again every 50 ms).
 */
public final class RateLimiter {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_PARK = TimeUnit.MILLISECONDS.toNanos(50);

    private final double rate;
    /** The current rate, or null when fixed at {@link #rate}. */
    private final DoubleSupplier varying;
    private final long fixedInterval;
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
        this.varying = null;
        this.fixedInterval = interval(perSecond);
        this.nanoTime = nanoTime;
        this.next = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * A limiter whose rate varies: each permit is spaced by the rate {@code perSecond} returns when it is taken.
     *
     * @param perSecond the current rate in permits per second, 0 or more and finite; read once per permit taken,
     *     from the calling threads, so it must be thread-safe and cheap
     * @param nanoTime the time source, {@link System#nanoTime()} outside tests
     */
    public RateLimiter(DoubleSupplier perSecond, LongSupplier nanoTime) {
        this.rate = Double.NaN;
        this.varying = perSecond;
        this.fixedInterval = 0;
        this.nanoTime = nanoTime;
        this.next = new AtomicLong(nanoTime.getAsLong());
    }

    private static long interval(double perSecond) {
        return Math.max(1L, Math.round(SECOND / perSecond));
    }

    /** @return the spacing of the next permit, or 0 when the rate is 0 (none falls due) */
    private long intervalNow() {
        if (varying == null) {
            return fixedInterval;
        }
        double current = varying.getAsDouble();
        return current > 0 && Double.isFinite(current) ? interval(current) : 0;
    }

    /** @return how far behind "now" the timeline may fall: one second's worth of permits, less the one due now */
    private static long kept(long intervalNanos) {
        return Math.max(0L, SECOND - intervalNanos);
    }

    /**
     * Takes the next permit, waiting until it is due.
     *
     * @param cancelled checked while waiting; when it turns true (or the thread is interrupted) the wait ends early
     * @return {@code false} when cancelled or interrupted before the permit was due (the interrupt stays set)
     */
    public boolean acquire(BooleanSupplier cancelled) {
        long intervalNanos;
        while ((intervalNanos = intervalNow()) == 0) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            // a rate of 0 now: keep the timeline at "now" so the permits do not pile up meanwhile
            long now = nanoTime.getAsLong();
            next.getAndUpdate(s -> Math.max(s, now));
            LockSupport.parkNanos(MAX_PARK);
        }
        long interval = intervalNanos;
        long floor = nanoTime.getAsLong() - kept(interval);
        long slot = Math.max(floor, next.getAndUpdate(s -> Math.max(s, floor) + interval));
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
            long intervalNanos = intervalNow();
            long now = nanoTime.getAsLong();
            long current = next.get();
            if (intervalNanos == 0) {
                next.compareAndSet(current, Math.max(current, now));
                return 0;
            }
            long start = Math.max(current, now - kept(intervalNanos));
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
        long intervalNanos = intervalNow();
        if (permits > 0 && intervalNanos > 0) {
            next.addAndGet(-permits * intervalNanos);
        }
    }

    /** @return how long until the next permit falls due, 0 when one is due now */
    public long nanosUntilNextPermit() {
        if (intervalNow() == 0) {
            return MAX_PARK;
        }
        return Math.max(0L, next.get() - nanoTime.getAsLong());
    }

    /** @return the rate in permits per second (for a varying rate, the current one) */
    public double rate() {
        return varying == null ? rate : varying.getAsDouble();
    }

    @Override
    public String toString() {
        return "RateLimiter[" + rate + "/s]";
    }
}
