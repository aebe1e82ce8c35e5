package dev.dataemulator.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How records get their event time ({@link EmulatedRecord#eventTime()}), set with
 * {@link EmulationSpec.Builder#eventTime(EventTime)}. Immutable.
 *
 * <ul>
 *   <li>{@link #live()} (the default): a record's event time is the emulation clock when it is made;
 *       {@link EmulationSpec#ratePerSecond()} is a wall-clock rate limit.</li>
 *   <li>{@link #backfill(Instant, Instant)}: a virtual clock; records are made as fast as the sink takes them and
 *       their event times spread over {@code [from, to)} following the {@link RateCurve}; the emulation ends when
 *       event time reaches {@code to} ({@link StopReason#EVENT_TIME_END}).</li>
 *   <li>{@link #accelerated(Instant, double)}: the virtual clock starts at {@code from} and runs {@code speed} times
 *       faster than the wall clock; production is paced to it.</li>
 * </ul>
 *
 * <p>With a virtual clock, {@link EmulationSpec#ratePerSecond()} (required then) is the average rate in records per
 * <em>event</em> second, and record {@code seq}'s event time is a pure function of the settings and {@code seq}: the
 * instant at which the integral of the rate curve from {@code from} reaches {@code seq}. So the same records, with
 * the same event times, repeat at any thread count and shard.
 */
public final class EventTime {
    /** The kind of event time. */
    public enum Mode {
        /** Event time is the emulation clock. */
        LIVE,
        /** A virtual clock over a closed range, not paced. */
        BACKFILL,
        /** A virtual clock running faster than the wall clock, paced. */
        ACCELERATED
    }

    private static final EventTime LIVE = new EventTime(Mode.LIVE, null, null, 1.0);

    private final Mode mode;
    private final Instant from;
    private final Instant to;
    private final double speed;

    private EventTime(Mode mode, Instant from, Instant to, double speed) {
        this.mode = mode;
        this.from = from;
        this.to = to;
        this.speed = speed;
    }

    /** @return event time is the emulation clock (the default) */
    public static EventTime live() {
        return LIVE;
    }

    /**
     * @param from the first event time, inclusive
     * @param to the end of event time, exclusive; after {@code from}
     * @return records as fast as the sink takes them, their event times spread over {@code [from, to)}
     * @throws InvalidSettingException ({@code event_time}) when {@code from} is not before {@code to} or either is null
     */
    public static EventTime backfill(Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidSettingException("event_time", "backfill " + from + ".." + to,
                    "needs from before to (both set)");
        }
        return new EventTime(Mode.BACKFILL, from, to, Double.POSITIVE_INFINITY);
    }

    /**
     * @param from the event time of the first record
     * @param speed how many times faster than the wall clock the virtual clock runs (60: a day in 24 minutes);
     *     positive and finite
     * @return a virtual clock from {@code from}, paced at {@code speed}
     * @throws InvalidSettingException ({@code event_time}) when {@code from} is null or the speed is not positive
     */
    public static EventTime accelerated(Instant from, double speed) {
        if (from == null || !(speed > 0 && Double.isFinite(speed))) {
            throw new InvalidSettingException("event_time", "accelerated " + from + " x" + speed,
                    "needs a start instant and a positive, finite speed");
        }
        return new EventTime(Mode.ACCELERATED, from, null, speed);
    }

    /** @return the kind of event time */
    public Mode mode() {
        return mode;
    }

    /** @return whether event time is a virtual clock (backfill or accelerated) */
    public boolean isVirtual() {
        return mode != Mode.LIVE;
    }

    /** @return the virtual clock's start; empty in live mode */
    public Optional<Instant> from() {
        return Optional.ofNullable(from);
    }

    /** @return the end of a backfill (exclusive); empty otherwise */
    public Optional<Instant> to() {
        return Optional.ofNullable(to);
    }

    /** @return the speed of an accelerated clock; 1 live, infinite for a backfill */
    public double speed() {
        return speed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventTime other && mode == other.mode && Objects.equals(from, other.from)
                && Objects.equals(to, other.to) && Double.compare(speed, other.speed) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, from, to, speed);
    }

    /** @return e.g. {@code live}, {@code backfill 2026-01-01T00:00:00Z..2026-01-02T00:00:00Z}, {@code accelerated ... x60.0} */
    @Override
    public String toString() {
        return switch (mode) {
            case LIVE -> "live";
            case BACKFILL -> "backfill " + from + ".." + to;
            case ACCELERATED -> "accelerated " + from + " x" + speed;
        };
    }
}
