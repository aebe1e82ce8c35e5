package dev.dataemulator.core.internal;

import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.RateCurve;
import dev.dataemulator.core.support.Seeding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Record {@code seq}'s event time. Immutable and thread-safe; each worker reads it through its own {@link Cursor}.
 *
 * <p>With a virtual clock ({@link EventTime#isVirtual()}) the planned event time of {@code seq} is the instant at
 * which the integral of the rate from {@code from} reaches {@code seq}: the rate is {@code ratePerSecond} times the
 * curve's weight, constant within each local hour, so the integral is a sum over hour segments walked forward from
 * {@code from}. The walk always adds the same segments in the same order, so the result is a pure function of the
 * settings and {@code seq}, whichever worker asks and in which order. Live, the planned time is the clock.
 *
 * <p>Lateness moves a share of records earlier: record {@code seq} is late when a value drawn from its own key
 * (derived from the seed, the domain and {@code seq}, independent of the domain's random source, so lateness never
 * changes a record's data) is below the fraction; it is then moved 1 ms to {@code max} earlier, but never before the
 * start of a virtual clock: within {@code max} of the start, a late record moves at most back to the start (its
 * lateness drawn from the shorter span), so a backfill's records all fall inside the backfill.
 */
public final class EventTimeline {
    private final EventTime eventTime;
    private final RateCurve curve;
    private final Clock clock;
    private final double ratePerMilli;
    private final long fromMillis;
    private final double lateFraction;
    private final long lateMaxMillis;
    private final long lateKey;
    /** The domain makes its own event times: no rate, no count by rate, no lateness. */
    private final boolean timed;

    /**
     * @param eventTime the mode
     * @param curve the rate curve
     * @param ratePerSecond the average rate in records per event second; required (positive) with a virtual clock
     * @param lateFraction the share of late records, in [0, 1]
     * @param lateMax how much earlier a late record may be, positive when {@code lateFraction > 0}
     * @param clock the emulation clock, event time in live mode
     * @param seed the emulation seed
     * @param domain the domain
     */
    public EventTimeline(EventTime eventTime, RateCurve curve, double ratePerSecond, double lateFraction,
            Duration lateMax, Clock clock, long seed, String domain) {
        this(eventTime, curve, ratePerSecond, lateFraction, lateMax, clock, seed, domain, false);
    }

    /**
     * @return the timeline of a {@linkplain dev.dataemulator.core.spi.DomainGenerator#timed() timed} domain: the
     *     mode and its range only; the domain tells each record's event time
     */
    public static EventTimeline timed(EventTime eventTime, Clock clock, long seed, String domain) {
        return new EventTimeline(eventTime, RateCurve.flat(), 0, 0, null, clock, seed, domain, true);
    }

    private EventTimeline(EventTime eventTime, RateCurve curve, double ratePerSecond, double lateFraction,
            Duration lateMax, Clock clock, long seed, String domain, boolean timed) {
        this.timed = timed;
        this.eventTime = eventTime;
        this.curve = curve;
        this.clock = clock;
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.fromMillis = eventTime.from().map(i -> i.toEpochMilli()).orElse(0L);
        this.lateFraction = lateFraction;
        this.lateMaxMillis = lateMax == null ? 0 : Math.max(1, lateMax.toMillis());
        this.lateKey = Seeding.derive(seed, domain + "/lateness");
        if (eventTime.isVirtual() && !(ratePerMilli > 0) && !timed) {
            throw new IllegalArgumentException("a virtual clock needs a positive rate");
        }
    }

    /** @return the mode */
    public EventTime eventTime() {
        return eventTime;
    }

    /** @return the start of the virtual clock, epoch millis (0 live) */
    public long fromMillis() {
        return fromMillis;
    }

    /**
     * @return how many records a backfill makes: those whose planned event time is before its end;
     *     {@link Long#MAX_VALUE} without an end
     */
    public long recordCount() {
        if (eventTime.to().isEmpty() || timed) {
            return Long.MAX_VALUE;
        }
        long to = eventTime.to().get().toEpochMilli();
        Cursor cursor = cursor();
        double total = cursor.countBefore(to);
        if (total >= Long.MAX_VALUE / 2.0) {
            return Long.MAX_VALUE;
        }
        long n = (long) Math.ceil(total);
        while (n > 0 && cursor.plannedMillis(n - 1) >= to) {
            n--;
        }
        while (cursor.plannedMillis(n) < to) {
            n++;
        }
        return n;
    }

    /** @return whether the domain tells each record's event time */
    public boolean isTimed() {
        return timed;
    }

    /** @return the end of a backfill, epoch millis; {@link Long#MAX_VALUE} without one */
    public long endMillis() {
        return eventTime.to().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
    }

    /** @return a reader for one thread */
    public Cursor cursor() {
        return new Cursor();
    }

    /**
     * @param seq a record
     * @param room how far back its event time may go (the time since the start of a virtual clock)
     * @return how many millis record {@code seq} is moved earlier, 0 when it is on time; at most {@code room}
     */
    long lateness(long seq, long room) {
        long max = Math.min(lateMaxMillis, room);
        if (lateFraction <= 0 || max <= 0) {
            return 0;
        }
        long h = Seeding.mix(lateKey + 0x9e3779b97f4a7c15L * (seq + 1));
        if (Seeding.unit(h) >= lateFraction) {
            return 0;
        }
        return 1 + (long) (Seeding.unit(Seeding.mix(h ^ 0x5851f42d4c957f2dL)) * max) % max;
    }

    /**
     * Walks the hour segments of the virtual clock for one thread, remembering where it is so that increasing
     * sequence numbers cost O(1) each. Not thread-safe.
     */
    public final class Cursor {
        /** The current segment: [start, end), the records planned before its start, its rate per milli. */
        private long segStart;
        private long segEnd;
        private double segBefore;
        private double segRate;

        private Cursor() {
            reset();
        }

        private void reset() {
            segStart = fromMillis;
            segBefore = 0;
            load();
        }

        private void load() {
            segEnd = curve.nextChangeAfter(segStart);
            segRate = ratePerMilli * curve.weightAt(segStart);
        }

        private double segCount() {
            return segEnd == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : segRate * (double) (segEnd - segStart);
        }

        private void advance() {
            segBefore += segCount();
            segStart = segEnd;
            load();
        }

        /**
         * @param seq a record
         * @return its event time before lateness, epoch millis: the virtual clock's, or the clock's now when live
         */
        public long plannedMillis(long seq) {
            if (!eventTime.isVirtual()) {
                return clock.millis();
            }
            if (seq < segBefore) {
                reset();
            }
            while (seq >= segBefore + segCount()) {
                advance();
            }
            return segStart + (long) Math.floor((seq - segBefore) / segRate);
        }

        /** @return the records planned before {@code toMillis} (fractional) */
        double countBefore(long toMillis) {
            reset();
            while (segEnd < toMillis) {
                advance();
            }
            return segBefore + segRate * (double) (toMillis - segStart);
        }

        /**
         * @param seq a record
         * @param planned its {@link #plannedMillis(long) planned} event time
         * @return its event time, epoch millis: the planned one, moved earlier when the record is late
         */
        public long eventMillis(long seq, long planned) {
            // never before the start of a virtual clock: a late record of a one-day backfill stays in its day, its
            // lateness scaled down near the start rather than piled up on it
            return planned - lateness(seq, eventTime.from().isPresent() ? planned - fromMillis : Long.MAX_VALUE);
        }
    }
}
