package dev.dataemulator.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The text forms of the event-time settings, for the front doors that take settings as strings: the command line,
 * the Kafka connector and the Spark source parse them here, so one form means the same everywhere. These are the
 * narrower forms of {@link SettingText}'s parsers (which also read {@code live}, accelerated clocks and zoned or
 * weekly curves), kept for the doors that take only these. Every method
 * throws an {@link InvalidSettingException} naming the setting as the caller calls it and the bad text.
 *
 * <ul>
 *   <li>A backfill: {@code FROM..TO}, two ISO-8601 instants, e.g. {@code 2026-01-01T00:00:00Z..2026-01-02T00:00:00Z}
 *       ({@link EventTime#backfill(Instant, Instant)}).</li>
 *   <li>An hourly curve: 24 comma-separated weights, UTC hours 0 to 23 ({@link RateCurve#hourly(double...)}).</li>
 *   <li>Late records: {@code FRACTION:MAX}, e.g. {@code 0.02:10m} (a duration as {@link SettingText#duration}
 *       reads it) ({@link EmulationSpec.Builder#lateness(double, Duration)}).</li>
 * </ul>
 */
public final class EventTimeOptions {
    private EventTimeOptions() {
    }

    /**
     * @param setting the setting's name, for the error
     * @param text {@code FROM..TO}
     * @return the backfill
     * @throws InvalidSettingException when the text is not two instants with FROM before TO
     */
    public static EventTime backfill(String setting, String text) {
        if (text == null || !text.contains("..") || text.strip().endsWith("..")
                || text.substring(text.indexOf("..") + 2).strip().startsWith("x")) {
            throw new InvalidSettingException(setting, text,
                    "expected FROM..TO with ISO-8601 instants, e.g. 2026-01-01T00:00:00Z..2026-01-02T00:00:00Z");
        }
        return SettingText.eventTime(setting, text);
    }

    /**
     * @param setting the setting's name, for the error
     * @param text 24 comma-separated weights
     * @return the hourly curve (UTC)
     * @throws InvalidSettingException when the text is not 24 numbers that {@link RateCurve#hourly(double...)} takes
     */
    public static RateCurve hourly(String setting, String text) {
        if (text == null || text.strip().isEmpty() || Character.isLetter(text.strip().charAt(0))) {
            throw new InvalidSettingException(setting, text, "expected 24 comma-separated numbers");
        }
        return SettingText.rateCurve(setting, text);
    }

    /**
     * @param setting the setting's name, for the error
     * @param text {@code FRACTION:MAX}
     * @return the share of late records and the most they are moved earlier
     * @throws InvalidSettingException when the text is not a fraction between 0 and 1, a colon and a positive duration
     */
    public static Lateness lateness(String setting, String text) {
        return SettingText.lateness(setting, text);
    }

    /**
     * Late records: {@code fraction} of them (0 to 1) carry an event time up to {@code max} earlier than planned.
     *
     * @param fraction the share of late records
     * @param max the most a late record is moved earlier
     */
    public record Lateness(double fraction, Duration max) {
        /**
         * @param fraction between 0 and 1
         * @param max positive
         * @throws IllegalArgumentException when either is out of range
         */
        public Lateness {
            Objects.requireNonNull(max, "max");
            if (!(fraction >= 0 && fraction <= 1) || max.isNegative() || max.isZero()) {
                throw new IllegalArgumentException("fraction must be between 0 and 1 and max positive: " + fraction
                        + ", " + max);
            }
        }
    }
}
