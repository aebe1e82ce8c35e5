package dev.dataemulator.core;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of each kind of setting value, and the text form each value is written back in: every front door
 * (the command line, the HTTP service, Spring properties, the Kafka connector, the Spark source) and the settings
 * table of {@link EmulationSpec} read text here, so one form means the same everywhere. The parsing methods take
 * the setting's name as the caller's user typed it and throw an {@link InvalidSettingException} naming it and the
 * bad text. Stateless and thread-safe.
 *
 * <ul>
 *   <li>A duration: a number with a unit, {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d} (decimals
 *       allowed: {@code 1.5s}); a bare number is <b>seconds</b> ({@code 30}); or ISO-8601 ({@code PT30S}).</li>
 *   <li>An instant: ISO-8601, e.g. {@code 2026-01-01T00:00:00Z}.</li>
 *   <li>Event time: {@code live}; a backfill {@code FROM..TO}; an accelerated clock {@code FROM..xSPEED}
 *       (e.g. {@code 2026-01-01T00:00:00Z..x60}).</li>
 *   <li>A rate curve: {@code flat}; 24 comma-separated weights (UTC hours 0 to 23); {@code hourly ZONE w0,...,w23};
 *       {@code weekly ZONE w0,...,w167} (Monday 00h first).</li>
 *   <li>Late records: {@code FRACTION:MAX}, e.g. {@code 0.02:10m}.</li>
 *   <li>A rate: a positive, finite number of records per second, e.g. {@code 2000} or {@code 0.5}.</li>
 * </ul>
 */
public final class SettingText {
    private static final Pattern SHORT_DURATION =
            Pattern.compile("([+-]?)(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ms|s|m|h|d)?");
    private static final String DURATION_FORMS = "a duration such as 30s, 500ms, 2m, 1h, 1d, PT30S or a bare number "
            + "of seconds";

    private SettingText() {
    }

    /**
     * @param setting the setting's name, for the error
     * @param text a duration (see the class documentation)
     * @return the duration, strictly positive
     * @throws InvalidSettingException when the text is not a positive duration
     */
    public static Duration duration(String setting, String text) {
        Duration value = signedDuration(setting, text);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidSettingException(setting, text, "expected a positive duration such as 30s, 500ms, 2m, "
                    + "1h, 1d, PT30S or a bare number of seconds");
        }
        return value;
    }

    /**
     * @param setting the setting's name, for the error
     * @param text a duration, with an optional sign ({@code -15m}); a bare number is seconds
     * @return the duration, which may be zero or negative
     * @throws InvalidSettingException when the text is not a duration
     */
    public static Duration signedDuration(String setting, String text) {
        try {
            return parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, text, "expected " + DURATION_FORMS);
        }
    }

    /**
     * The duration grammar without a setting name, for parsers that collect problems their own way.
     *
     * @param text a duration with an optional sign
     * @return the duration
     * @throws IllegalArgumentException when malformed
     */
    public static Duration parseDuration(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no duration");
        }
        String t = text.strip();
        Matcher shorthand = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        try {
            if (shorthand.matches()) {
                String unit = shorthand.group(3) == null ? "s" : shorthand.group(3);
                BigDecimal nanosPerUnit = BigDecimal.valueOf(switch (unit) {
                    case "ms" -> 1_000_000L;
                    case "s" -> 1_000_000_000L;
                    case "m" -> 60_000_000_000L;
                    case "h" -> 3_600_000_000_000L;
                    default -> 86_400_000_000_000L;
                });
                BigDecimal nanos = new BigDecimal(shorthand.group(2)).multiply(nanosPerUnit);
                BigDecimal[] secondsAndNanos = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
                if (secondsAndNanos[1].stripTrailingZeros().scale() > 0) {
                    throw new IllegalArgumentException("finer than a nanosecond");
                }
                Duration value = Duration.ofSeconds(secondsAndNanos[0].longValueExact(),
                        secondsAndNanos[1].longValueExact());
                return shorthand.group(1).equals("-") ? value.negated() : value;
            }
            return Duration.parse(t);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("not a duration: " + text, e);
        }
    }

    /**
     * @param duration a duration
     * @return its shortest text form that {@link #duration} reads back to an equal duration, e.g. {@code 90s},
     *     {@code 2m}, {@code 1d}, {@code 1500ms}
     */
    public static String text(Duration duration) {
        if (duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = duration.getSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /**
     * @param setting the setting's name, for the error
     * @param text an ISO-8601 instant
     * @return the instant
     * @throws InvalidSettingException when the text is not an instant
     */
    public static Instant instant(String setting, String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidSettingException(setting, text, "expected an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }

    /**
     * @param setting the setting's name, for the error
     * @param text an ISO-8601 instant
     * @return a clock fixed at that instant, in UTC
     * @throws InvalidSettingException when the text is not an instant
     */
    public static Clock fixedClock(String setting, String text) {
        return Clock.fixed(instant(setting, text), ZoneOffset.UTC);
    }

    /**
     * @param clock a clock
     * @return the instant of a clock fixed in UTC (the text form {@link #fixedClock} reads back), else {@code null}:
     *     other clocks (the system clock) have no text form
     */
    public static String text(Clock clock) {
        if (clock == null || !ZoneOffset.UTC.equals(clock.getZone())) {
            return null;
        }
        Instant instant = clock.instant();
        return clock.equals(Clock.fixed(instant, ZoneOffset.UTC)) ? instant.toString() : null;
    }

    /**
     * @param setting the setting's name, for the error
     * @param text {@code live}, {@code FROM..TO} or {@code FROM..xSPEED}
     * @return the event time
     * @throws InvalidSettingException when the text is none of these forms or the instants are out of order
     */
    public static EventTime eventTime(String setting, String text) {
        if (text != null && text.strip().equalsIgnoreCase("live")) {
            return EventTime.live();
        }
        int dots = text == null ? -1 : text.indexOf("..");
        if (dots < 0) {
            throw new InvalidSettingException(setting, text, "expected FROM..TO with ISO-8601 instants, e.g. "
                    + "2026-01-01T00:00:00Z..2026-01-02T00:00:00Z (or FROM..xSPEED, or live)");
        }
        Instant from = part(setting, text, text.substring(0, dots));
        String rest = text.substring(dots + 2).strip();
        try {
            if (rest.startsWith("x") || rest.startsWith("X")) {
                double speed;
                try {
                    speed = Double.parseDouble(rest.substring(1).strip());
                } catch (NumberFormatException e) {
                    throw new InvalidSettingException(setting, text,
                            "expected FROM..xSPEED with a positive speed, e.g. 2026-01-01T00:00:00Z..x60");
                }
                return EventTime.accelerated(from, speed);
            }
            return EventTime.backfill(from, part(setting, text, rest));
        } catch (InvalidSettingException e) {
            InvalidSettingException.Violation violation = e.violations().get(0);
            if (violation.setting().equals(setting) && text.equals(violation.value())) {
                throw e;
            }
            throw new InvalidSettingException(setting, text, violation.reason());
        }
    }

    /**
     * @param eventTime an event time
     * @return its text form, which {@link #eventTime} reads back to an equal event time
     */
    public static String text(EventTime eventTime) {
        return switch (eventTime.mode()) {
            case LIVE -> "live";
            case BACKFILL -> eventTime.from().orElseThrow() + ".." + eventTime.to().orElseThrow();
            case ACCELERATED -> eventTime.from().orElseThrow() + "..x" + number(eventTime.speed());
        };
    }

    /**
     * @param setting the setting's name, for the error
     * @param text {@code flat}, 24 comma-separated weights (UTC), {@code hourly ZONE weights} or
     *     {@code weekly ZONE weights} (168)
     * @return the curve
     * @throws InvalidSettingException when the text is none of these forms or a weight is bad
     */
    public static RateCurve rateCurve(String setting, String text) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("flat")) {
            return RateCurve.flat();
        }
        String[] words = t.split("\\s+");
        try {
            if (words.length == 3 && (words[0].equalsIgnoreCase("hourly") || words[0].equalsIgnoreCase("weekly"))) {
                ZoneId zone;
                try {
                    zone = ZoneId.of(words[1]);
                } catch (java.time.DateTimeException e) {
                    throw new InvalidSettingException(setting, text, "'" + words[1] + "' is not a time zone");
                }
                double[] weights = weights(setting, text, words[2]);
                return words[0].equalsIgnoreCase("hourly") ? RateCurve.hourly(zone, weights)
                        : RateCurve.weekly(zone, weights);
            }
            return RateCurve.hourly(weights(setting, text, t));
        } catch (InvalidSettingException e) {
            InvalidSettingException.Violation violation = e.violations().get(0);
            if (violation.setting().equals(setting) && text.equals(violation.value())) {
                throw e;
            }
            throw new InvalidSettingException(setting, text, violation.reason());
        }
    }

    /**
     * @param curve a rate curve
     * @return its text form, which {@link #rateCurve} reads back to an equal curve
     */
    public static String text(RateCurve curve) {
        return curve.settingText();
    }

    private static double[] weights(String setting, String text, String list) {
        // a trailing comma is tolerated, as in "1,1,...,1,"
        String[] parts = list.isEmpty() ? new String[0] : list.split(",");
        double[] weights = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                weights[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(setting, text,
                        "expected 24 comma-separated numbers; weight " + (i + 1) + " is '" + parts[i].strip() + "'");
            }
        }
        return weights;
    }

    /**
     * @param setting the setting's name, for the error
     * @param text {@code FRACTION:MAX}
     * @return the share of late records and the most they are moved earlier
     * @throws InvalidSettingException when the text is not a fraction between 0 and 1, a colon and a positive duration
     */
    public static EventTimeOptions.Lateness lateness(String setting, String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        double fraction;
        Duration max;
        try {
            fraction = Double.parseDouble(text.substring(0, colon).strip());
            max = parseDuration(text.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new InvalidSettingException(setting, text, "expected FRACTION:MAX, e.g. 0.02:10m");
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new InvalidSettingException(setting, text, "the fraction must be between 0 and 1");
        }
        if (max.isNegative() || max.isZero()) {
            throw new InvalidSettingException(setting, text, "the maximum lateness must be positive");
        }
        return new EventTimeOptions.Lateness(fraction, max);
    }

    /**
     * @param fraction the share of late records
     * @param max the most a late record is moved earlier
     * @return the text form {@code FRACTION:MAX} that {@link #lateness} reads back
     */
    public static String latenessText(double fraction, Duration max) {
        return number(fraction) + ":" + text(max);
    }

    /**
     * @param setting the setting's name, for the error
     * @param text a positive, finite number of records per second
     * @return the rate
     * @throws InvalidSettingException when the text is not a positive, finite number
     */
    public static double rate(String setting, String text) {
        double rate;
        try {
            rate = Double.parseDouble(text.strip());
        } catch (RuntimeException e) {
            rate = Double.NaN;
        }
        if (!(rate > 0 && Double.isFinite(rate))) {
            throw new InvalidSettingException(setting, text, "must be a positive, finite number of records per second");
        }
        return rate;
    }

    /**
     * @param setting the setting's name, for the error
     * @param text a whole number within {@code [min, max]}
     * @return the number
     * @throws InvalidSettingException when the text is not such a number
     */
    public static long integer(String setting, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.strip().replace("_", ""));
        } catch (RuntimeException e) {
            throw new InvalidSettingException(setting, text, "expected a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidSettingException(setting, text, max == Long.MAX_VALUE ? "must be at least " + min
                    : "must be between " + min + " and " + max);
        }
        return value;
    }

    /**
     * @param setting the setting's name, for the error
     * @param text {@code true} or {@code false}, in any case
     * @return the boolean
     * @throws InvalidSettingException otherwise
     */
    public static boolean bool(String setting, String text) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidSettingException(setting, text, "expected true or false");
    }

    /**
     * @param value a number
     * @return its shortest exact text: {@code 2000} rather than {@code 2000.0}; {@link Double#parseDouble} reads it
     *     back to the same double
     */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /**
     * The one "did you mean" of the project: the known name closest to a misspelt one.
     *
     * @param name what the user typed
     * @param candidates the known names
     * @return the candidate closest to {@code name} (case-insensitive edit distance at most 2, or a third of the
     *     shorter name, or one a prefix of the other), or {@code null} when none is close
     */
    public static String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        if (best == null) {
            return null;
        }
        String b = best.toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, Math.min(name.length(), best.length()) / 3);
        boolean prefix = lower.length() >= 3 && (b.startsWith(lower) || lower.startsWith(b));
        return bestDistance <= allowed || prefix ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Instant part(String setting, String text, String part) {
        try {
            return Instant.parse(part.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(setting, text,
                    "'" + part.strip() + "' is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }
}
