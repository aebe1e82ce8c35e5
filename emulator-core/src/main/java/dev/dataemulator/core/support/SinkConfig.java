package dev.dataemulator.core.support;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.InvalidSettingException.Violation;
import dev.dataemulator.core.SettingText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a sink's settings from its configuration map, collecting every problem so that {@link #validate()} reports
 * them all at once. The one option parser of the project: domains read their options with it too, so a bad number,
 * boolean, size or duration reads the same wherever it is written. Remembers which keys were read, so a sink can report the keys it did not use, and masks secret
 * values in messages and in {@link #toString()}.
 *
 * <p>Not thread-safe; used while a sink is being created.
 */
public final class SinkConfig {
    private static final String MASK = "****";

    private final String sink;
    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();
    private final Set<String> secrets;
    private final List<Violation> violations = new ArrayList<>();

    /**
     * @param sink the sink's name, used in messages
     * @param values the settings; {@code null} values count as missing
     * @param secretKeys keys whose values are never shown
     */
    public SinkConfig(String sink, Map<String, String> values, Collection<String> secretKeys) {
        this.sink = Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(values, "config");
        this.values = new LinkedHashMap<>(values);
        this.secrets = Set.copyOf(secretKeys);
    }

    /**
     * @return the value of {@code key}, or {@code null} when absent or blank; the key counts as read
     */
    public String optional(String key) {
        read.add(key);
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * @return the value of {@code key}, or {@code defaultValue} when absent or blank
     */
    public String string(String key, String defaultValue) {
        String value = optional(key);
        return value == null ? defaultValue : value;
    }

    /**
     * @return the value of {@code key}; records a violation and returns {@code null} when absent
     */
    public String required(String key) {
        String value = optional(key);
        if (value == null) {
            violation(key, values.get(key), "is required by the '" + sink + "' sink");
        }
        return value;
    }

    /**
     * @return the value parsed as an integer within {@code [min, max]}, or the default when absent
     */
    public int integer(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    /**
     * @return the value parsed as a long, or the default when absent
     */
    public long longValue(String key, long defaultValue) {
        return parse(key, defaultValue, Long::parseLong, "an integer");
    }

    /**
     * @return the value parsed as a long within {@code [min, max]}, or the default when absent
     */
    public long longValue(String key, long defaultValue, long min, long max) {
        return parse(key, defaultValue, text -> {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return value;
        }, "an integer between " + min + " and " + max);
    }

    /**
     * @return a byte size such as {@code 5242880}, {@code 5MB}, {@code 64KiB}, within {@code [min, max]} bytes
     */
    public long bytes(String key, long defaultValue, long min, long max) {
        return parse(key, defaultValue, text -> {
            long value = parseBytes(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + " bytes");
            }
            return value;
        }, "a size in bytes such as 5242880, 512KB or 5MB, between " + min + " and " + max + " bytes");
    }

    /**
     * @return a duration with a unit suffix ({@code 30s}, {@code 500ms}, {@code 2m}), in seconds when a bare number
     *     ({@code 30}), or ISO-8601 ({@code PT30S}), strictly positive
     */
    public Duration duration(String key, Duration defaultValue) {
        return parse(key, defaultValue, SinkConfig::parseDuration,
                "a positive duration such as 30s, 500ms, 2m or PT30S");
    }

    /**
     * @return {@code true}/{@code false} (case-insensitive), or the default when absent
     */
    public boolean bool(String key, boolean defaultValue) {
        return parse(key, defaultValue, text -> {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("true")) {
                return true;
            }
            if (lower.equals("false")) {
                return false;
            }
            throw new IllegalArgumentException("not a boolean");
        }, "true or false");
    }

    /**
     * @return the enum constant whose name matches the value case-insensitively, or the default when absent
     */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        return parse(key, defaultValue, text -> Enum.valueOf(type, text.toUpperCase(Locale.ROOT)),
                "one of " + choices(type));
    }

    /**
     * Records a violation for {@code key}; the value is masked when the key is secret.
     */
    public void violation(String key, String value, String reason) {
        violations.add(new Violation(key, display(key, value), reason));
    }

    /**
     * @return the settings that were never read, e.g. misspelled keys
     */
    public Set<String> unusedKeys() {
        Set<String> unused = new TreeSet<>(values.keySet());
        unused.removeAll(read);
        return unused;
    }

    /**
     * @return every setting not read so far, for a client that takes its own keys (kafka-clients properties)
     */
    public Map<String, String> unread() {
        Map<String, String> rest = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!read.contains(key) && value != null) {
                rest.put(key, value);
            }
        });
        return rest;
    }

    /**
     * @throws InvalidSettingException listing every violation recorded so far
     */
    public void validate() {
        if (!violations.isEmpty()) {
            throw new InvalidSettingException(violations);
        }
    }

    /**
     * @return the value of {@code key} for display: masked when secret, and when the sink does not know the key
     *     and it is a misspelling of a secret one ({@code pasword}, {@code secret_kye}): the value of a misspelt
     *     secret is still a secret
     */
    public String display(String key, String value) {
        if (value == null) {
            return null;
        }
        return isSecret(key) || !read.contains(key) && nearSecret(key) ? MASK : value;
    }

    private boolean nearSecret(String key) {
        List<String> secretNames = new ArrayList<>(secrets);
        secretNames.add("password");
        secretNames.add("secret");
        return SettingText.closest(key, secretNames) != null;
    }

    /**
     * @return whether {@code key} names a secret
     */
    public boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return secrets.contains(key) || lower.contains("password") || lower.contains("secret")
                || lower.contains("jaas");
    }

    /**
     * @return the settings with secrets masked
     */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((key, value) -> shown.put(key, display(key, value)));
        return sink + shown;
    }

    private <T> T parse(String key, T defaultValue, Function<String, T> parser, String expected) {
        String text = optional(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            violation(key, text, "expected " + expected);
            return defaultValue;
        }
    }

    private static <E extends Enum<E>> String choices(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", names);
    }

    /**
     * Parses a byte size: plain bytes or with a unit ({@code KB}, {@code MB}, {@code GB} decimal; {@code KiB},
     * {@code MiB}, {@code GiB} binary).
     *
     * @param text the size
     * @return the number of bytes
     * @throws IllegalArgumentException (or {@link NumberFormatException}) when malformed
     */
    public static long parseBytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        long multiplier = 1;
        String[][] units = {{"KIB", "1024"}, {"MIB", "1048576"}, {"GIB", "1073741824"}, {"KB", "1000"},
            {"MB", "1000000"}, {"GB", "1000000000"}, {"B", "1"}};
        for (String[] unit : units) {
            if (t.endsWith(unit[0])) {
                multiplier = Long.parseLong(unit[1]);
                t = t.substring(0, t.length() - unit[0].length());
                break;
            }
        }
        return Math.multiplyExact(Long.parseLong(t), multiplier);
    }

    /**
     * Parses a positive duration with the one duration parser of the project ({@link SettingText#parseDuration}): a
     * unit suffix ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}), a bare number of seconds
     * ({@code 30}) or ISO-8601 ({@code PT30S}).
     *
     * @param text the duration
     * @return the duration
     * @throws IllegalArgumentException when malformed or not positive
     */
    public static Duration parseDuration(String text) {
        Duration value = SettingText.parseDuration(text);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("not positive");
        }
        return value;
    }
}
