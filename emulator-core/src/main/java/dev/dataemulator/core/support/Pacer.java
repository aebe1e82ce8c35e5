package dev.dataemulator.core.support;

import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.RateCurve;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;

/**
 * The one pacer: when the next record may be made. An emulation paces in at most one of four ways:
 * <ul>
 *   <li>{@link #live(double, RateCurve, Clock) live}: records per wall second, flat or following a
 *       {@link RateCurve} at the emulation clock's hour; a {@link RateLimiter} shared by every worker, which keeps
 *       unused time for at most one second;</li>
 *   <li>{@link #eventTime(EventTime, long) by event time}: with an accelerated virtual clock, a record whose planned
 *       event time is {@code e} is due once the wall time since {@link #start(long) start}, times the speed, covers
 *       {@code e - from};</li>
 *   <li>{@link #onClock(Clock) on the clock}: live, for a domain whose records carry their own event times (a
 *       lifecycle's changes), a record is due when the emulation clock reaches its planned event time;</li>
 *   <li>{@link #steady(double) steady}: record {@code n} since the start is due after {@code n / rate} seconds,
 *       however far behind the caller fell (a Spark stream admits that many rows per micro-batch).</li>
 * </ul>
 * The event-time and steady schedules are one arithmetic: unit {@code u} (an event milli, or a record) is due
 * {@code u} times a fixed number of nanoseconds after the start.
 *
 * <p>Nothing is due before {@link #start(long)}, which the caller runs once production begins (after a sink set up
 * its resource, so a slow set-up does not make the rate catch up in a burst); what {@code start} sets must reach
 * other threads through a happens-before edge of the caller's (the engine's set-up latch). Then thread-safe.
 */
public final class Pacer {
    /** The longest a paced thread parks before looking at its cancellation again. */
    private static final long MAX_PARK = TimeUnit.MILLISECONDS.toNanos(50);

    private enum Mode { NONE, LIVE, EVENT_TIME, STEADY, CLOCK }

    private static final Pacer UNPACED = new Pacer(Mode.NONE, 0, null, null, 0, 0, 0);

    private final Mode mode;
    /** Live: records per second, flat. */
    private final double ratePerSecond;
    /** Live: the curve and the clock whose hour it is read at; null for a flat rate. */
    private final RateCurve curve;
    private final Clock clock;
    /** Schedules: wall nanoseconds per unit, and units per wall second (the same rate, each as given). */
    private final double nanosPerUnit;
    private final double unitsPerSecond;
    /** Event time: the unit every record's event time is counted from (the virtual clock's start). */
    private final long fromMillis;
    private volatile long startNanos;
    private volatile long startSeq;
    private volatile RateLimiter limiter;

    private Pacer(Mode mode, double ratePerSecond, RateCurve curve, Clock clock, double nanosPerUnit,
            double unitsPerSecond, long fromMillis) {
        this.mode = mode;
        this.ratePerSecond = ratePerSecond;
        this.curve = curve;
        this.clock = clock;
        this.nanosPerUnit = nanosPerUnit;
        this.unitsPerSecond = unitsPerSecond;
        this.fromMillis = fromMillis;
    }

    /** @return a pacer that never waits */
    public static Pacer unpaced() {
        return UNPACED;
    }

    /**
     * @param perSecond records per wall second, positive and finite
     * @param curve the hourly weights of the rate, read at {@code clock}'s time for each record; flat for none
     * @param clock the emulation clock
     * @return a live pacer
     * @throws IllegalArgumentException when the rate is not positive and finite
     */
    public static Pacer live(double perSecond, RateCurve curve, Clock clock) {
        if (!(perSecond > 0 && Double.isFinite(perSecond))) {
            throw new IllegalArgumentException("rate " + perSecond + " must be positive and finite");
        }
        return new Pacer(Mode.LIVE, perSecond, curve.isFlat() ? null : curve, clock, 0, 0, 0);
    }

    /**
     * @param eventTime the emulation's event time
     * @param fromMillis the start of its virtual clock, epoch millis
     * @return a pacer by event time when the clock is accelerated, else {@link #unpaced()} (a backfill runs at full
     *     speed, a live clock is paced by its rate)
     */
    public static Pacer eventTime(EventTime eventTime, long fromMillis) {
        if (eventTime.mode() != EventTime.Mode.ACCELERATED) {
            return UNPACED;
        }
        double nanosPerEventMilli = 1_000_000.0 / eventTime.speed();
        return new Pacer(Mode.EVENT_TIME, 0, null, null, nanosPerEventMilli, 1_000_000_000.0 / nanosPerEventMilli,
                fromMillis);
    }

    /**
     * @param clock the emulation clock
     * @return a pacer that lets each record be made when {@code clock} reaches its planned event time (live, a
     *     domain whose records carry their own event times, such as a lifecycle's changes)
     */
    public static Pacer onClock(Clock clock) {
        return new Pacer(Mode.CLOCK, 0, null, clock, 0, 0, 0);
    }

    /**
     * @param perSecond records per wall second, positive and finite
     * @return a steady pacer
     * @throws IllegalArgumentException when the rate is not positive and finite
     */
    public static Pacer steady(double perSecond) {
        if (!(perSecond > 0 && Double.isFinite(perSecond))) {
            throw new IllegalArgumentException("rate " + perSecond + " must be positive and finite");
        }
        return new Pacer(Mode.STEADY, 0, null, null, 1_000_000_000.0 / perSecond, perSecond, 0);
    }

    /** @return whether this pacer ever waits */
    public boolean paces() {
        return mode != Mode.NONE;
    }

    /**
     * Starts the schedule, or the live rate, at {@code nanos}; record 0 is the first of a steady schedule.
     *
     * @param nanos the start, in {@link System#nanoTime()}'s time
     */
    public void start(long nanos) {
        start(nanos, 0);
    }

    /**
     * Starts the schedule, or the live rate, at {@code nanos}.
     *
     * @param nanos the start, in {@link System#nanoTime()}'s time
     * @param firstSeq the record a steady schedule starts from: records before it are not counted
     */
    public void start(long nanos, long firstSeq) {
        startSeq = firstSeq;
        if (mode == Mode.LIVE) {
            RateCurve hourly = curve;
            limiter = hourly == null ? new RateLimiter(ratePerSecond)
                    : new RateLimiter(() -> ratePerSecond * hourly.weightAt(clock.millis()), System::nanoTime);
        }
        startNanos = nanos;
    }

    /**
     * Waits until record {@code seq} may be made.
     *
     * @param seq the record
     * @param plannedMillis the record's planned event time, epoch millis; asked only when pacing by event time
     * @param cancelled checked while waiting; when it turns true (or the thread is interrupted) the wait ends early
     * @return {@code false} when cancelled or interrupted first (the interrupt stays set)
     */
    public boolean await(long seq, LongUnaryOperator plannedMillis, BooleanSupplier cancelled) {
        return switch (mode) {
            case NONE -> true;
            case LIVE -> limiter.acquire(cancelled);
            case EVENT_TIME -> awaitUnit(plannedMillis.applyAsLong(seq) - fromMillis, cancelled);
            case STEADY -> awaitUnit(seq - startSeq, cancelled);
            case CLOCK -> awaitClock(plannedMillis.applyAsLong(seq), cancelled);
        };
    }

    private boolean awaitClock(long eventMillis, BooleanSupplier cancelled) {
        long wait;
        while (eventMillis != Long.MAX_VALUE && (wait = eventMillis - clock.millis()) > 0) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(wait), MAX_PARK));
        }
        return true;
    }

    private boolean awaitUnit(long unit, BooleanSupplier cancelled) {
        long due = startNanos + (long) (unit * nanosPerUnit);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(wait, MAX_PARK));
        }
        return true;
    }

    /**
     * For a caller that polls rather than waits (a Spark micro-batch): how far a schedule has come by now.
     *
     * @return the units due by now since {@link #start(long)} (records for a steady pacer, event millis since
     *     {@code from} for one by event time); {@link Long#MAX_VALUE} unpaced or live (a live rate is taken record by
     *     record with {@link #await})
     */
    public long dueNow() {
        if (mode != Mode.STEADY && mode != Mode.EVENT_TIME) {
            return Long.MAX_VALUE;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return (long) Math.floor(seconds * unitsPerSecond);
    }

    @Override
    public String toString() {
        return switch (mode) {
            case NONE -> "Pacer[unpaced]";
            case LIVE -> "Pacer[live " + ratePerSecond + "/s" + (curve == null ? "" : ", " + curve) + "]";
            case EVENT_TIME -> "Pacer[event time, " + nanosPerUnit + " ns per event ms]";
            case STEADY -> "Pacer[steady " + unitsPerSecond + "/s]";
            case CLOCK -> "Pacer[on the clock]";
        };
    }
}
