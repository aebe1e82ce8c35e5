package dev.dataemulator.core;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the rate varies over the day or week, set with {@link EmulationSpec.Builder#rateCurve(RateCurve)}. Immutable
 * and thread-safe.
 *
 * <p>Weights are relative: they are scaled so that their average over the curve's period (a day or a week) is 1, so
 * the average rate over the period equals {@link EmulationSpec#ratePerSecond()}. The weight of an hour applies to the
 * whole local hour in the curve's zone (UTC unless given). In live mode the curve modulates the wall-clock rate limit
 * by the emulation clock's hour; with a virtual clock ({@link EventTime}) it shapes the density of event times.
 */
public final class RateCurve {
    private static final int HOURS_PER_WEEK = 168;
    private static final long HOUR_MILLIS = 3_600_000L;
    private static final RateCurve FLAT = new RateCurve(null, ZoneOffset.UTC, "flat", "flat");

    /** Normalised weights per hour of the week, Monday 00h first (mean 1); null when flat. */
    private final double[] weights;
    private final ZoneId zone;
    /** The zone's fixed offset in millis, or {@link Long#MIN_VALUE} when its offset changes. */
    private final long fixedOffsetMillis;
    private final String text;
    /** The text form {@link SettingText#rateCurve} reads back to an equal curve. */
    private final String settingText;

    private RateCurve(double[] weights, ZoneId zone, String text, String settingText) {
        this.weights = weights;
        this.zone = zone;
        this.fixedOffsetMillis = zone.getRules().isFixedOffset()
                ? zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() * 1000L : Long.MIN_VALUE;
        this.text = text;
        this.settingText = settingText;
    }

    /** @return the same rate at every hour (the default) */
    public static RateCurve flat() {
        return FLAT;
    }

    /**
     * @param weights 24 relative weights, hour 0 (00:00-01:00 UTC) first; not negative, finite, not all zero
     * @return a daily curve in UTC
     * @throws InvalidSettingException ({@code rate_curve}) for the wrong number of weights or a bad weight
     */
    public static RateCurve hourly(double... weights) {
        return hourly(ZoneOffset.UTC, weights);
    }

    /**
     * @param zone the zone whose local hours the weights follow
     * @param weights 24 relative weights, local hour 0 first; not negative, finite, not all zero
     * @return a daily curve in {@code zone}
     * @throws InvalidSettingException ({@code rate_curve}) for the wrong number of weights or a bad weight
     */
    public static RateCurve hourly(ZoneId zone, double... weights) {
        check(weights, 24, "hourly");
        double[] week = new double[HOURS_PER_WEEK];
        for (int i = 0; i < HOURS_PER_WEEK; i++) {
            week[i] = weights[i % 24];
        }
        Objects.requireNonNull(zone, "zone");
        String list = list(weights);
        return of(week, zone, "hourly" + Arrays.toString(weights) + " " + zone,
                ZoneOffset.UTC.equals(zone) ? list : "hourly " + zone.getId() + " " + list);
    }

    /**
     * @param zone the zone whose local days and hours the weights follow
     * @param weights 168 relative weights, one per hour of the week, Monday 00h first; not negative, finite, not all
     *     zero
     * @return a weekly curve in {@code zone}
     * @throws InvalidSettingException ({@code rate_curve}) for the wrong number of weights or a bad weight
     */
    public static RateCurve weekly(ZoneId zone, double... weights) {
        check(weights, HOURS_PER_WEEK, "weekly");
        Objects.requireNonNull(zone, "zone");
        return of(weights.clone(), zone, "weekly[168 weights] " + zone,
                "weekly " + zone.getId() + " " + list(weights));
    }

    /**
     * @param zone the zone whose local days and hours the weights follow
     * @param dayWeights 7 relative weights, Monday first
     * @param hourWeights 24 relative weights, local hour 0 first; the weight of an hour of the week is the product
     * @return a weekly curve in {@code zone}
     * @throws InvalidSettingException ({@code rate_curve}) for the wrong number of weights or a bad weight
     */
    public static RateCurve weekly(ZoneId zone, double[] dayWeights, double[] hourWeights) {
        check(dayWeights, 7, "weekly day");
        check(hourWeights, 24, "weekly hour");
        double[] week = new double[HOURS_PER_WEEK];
        for (int i = 0; i < HOURS_PER_WEEK; i++) {
            week[i] = dayWeights[i / 24] * hourWeights[i % 24];
        }
        Objects.requireNonNull(zone, "zone");
        return of(week, zone, "weekly" + Arrays.toString(dayWeights) + "x" + Arrays.toString(hourWeights) + " "
                + zone, "weekly " + zone.getId() + " " + list(week));
    }

    private static String list(double[] weights) {
        StringBuilder list = new StringBuilder();
        for (double weight : weights) {
            list.append(list.length() == 0 ? "" : ",").append(SettingText.number(weight));
        }
        return list.toString();
    }

    /** @return the text form {@link SettingText#rateCurve} reads back to an equal curve */
    String settingText() {
        return settingText;
    }

    private static RateCurve of(double[] week, ZoneId zone, String text, String settingText) {
        Objects.requireNonNull(zone, "zone");
        double sum = 0;
        for (double w : week) {
            sum += w;
        }
        if (!(sum > 0)) {
            throw new InvalidSettingException("rate_curve", text, "needs at least one positive weight");
        }
        double mean = sum / HOURS_PER_WEEK;
        for (int i = 0; i < HOURS_PER_WEEK; i++) {
            week[i] /= mean;
        }
        return new RateCurve(week, zone, text, settingText);
    }

    private static void check(double[] weights, int count, String kind) {
        if (weights == null || weights.length != count) {
            throw new InvalidSettingException("rate_curve", weights == null ? null : Arrays.toString(weights),
                    "a " + kind + " curve needs exactly " + count + " weights, got "
                            + (weights == null ? 0 : weights.length));
        }
        for (double w : weights) {
            if (!(w >= 0 && Double.isFinite(w))) {
                throw new InvalidSettingException("rate_curve", Arrays.toString(weights),
                        "weights must be finite and not negative");
            }
        }
    }

    /** @return whether the rate is the same at every hour */
    public boolean isFlat() {
        return weights == null;
    }

    /** @return the zone of the curve's hours */
    public ZoneId zone() {
        return zone;
    }

    /**
     * @param epochMillis an instant
     * @return the relative rate at that instant; the average over the curve's period is 1
     */
    public double weightAt(long epochMillis) {
        if (weights == null) {
            return 1.0;
        }
        return weights[hourOfWeek(epochMillis)];
    }

    /**
     * @param epochMillis an instant
     * @return the next instant after it at which the weight may change (the start of the next local hour);
     *     {@link Long#MAX_VALUE} for a flat curve
     */
    public long nextChangeAfter(long epochMillis) {
        if (weights == null) {
            return Long.MAX_VALUE;
        }
        if (fixedOffsetMillis != Long.MIN_VALUE) {
            long local = epochMillis + fixedOffsetMillis;
            return (Math.floorDiv(local, HOUR_MILLIS) + 1) * HOUR_MILLIS - fixedOffsetMillis;
        }
        ZonedDateTime next = Instant.ofEpochMilli(epochMillis).atZone(zone).truncatedTo(ChronoUnit.HOURS).plusHours(1);
        long millis = next.toInstant().toEpochMilli();
        return millis > epochMillis ? millis : epochMillis + HOUR_MILLIS;
    }

    private int hourOfWeek(long epochMillis) {
        if (fixedOffsetMillis != Long.MIN_VALUE) {
            long localHours = Math.floorDiv(epochMillis + fixedOffsetMillis, HOUR_MILLIS);
            long day = Math.floorDiv(localHours, 24);
            // 1970-01-01 was a Thursday: day 0 is index 3 of a week starting on Monday
            int dayOfWeek = Math.floorMod(day + 3, 7);
            return dayOfWeek * 24 + Math.floorMod(localHours, 24);
        }
        ZonedDateTime local = Instant.ofEpochMilli(epochMillis).atZone(zone);
        return (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateCurve other && Arrays.equals(weights, other.weights) && zone.equals(other.zone);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + zone.hashCode();
    }

    /** @return e.g. {@code flat} or {@code hourly[1.0, ...] Z} */
    @Override
    public String toString() {
        return text;
    }
}
