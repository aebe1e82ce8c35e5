package dev.dataemulator.core.support;

import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.support.SinkConfig;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Hive-style partition path made from each record, the {@code partition_by} setting of the object sinks:
 * literal text with placeholders {@code {field}} or {@code {field:pattern}}, e.g.
 * {@code dt={created_at:yyyy-MM-dd}/hour={created_at:HH}} gives {@code dt=2026-11-30/hour=14}.
 *
 * <ul>
 *   <li>{@code field} names a field of the record's data; nested fields by a dotted path ({@code address.city}).
 *       The name {@value #RECORD_TIME} (unless the domain has a field of that name) is the record's envelope time.</li>
 *   <li>{@code pattern} is a {@link DateTimeFormatter} pattern (UTC, {@link Locale#ROOT}) and applies to
 *       {@code timestamp} and {@code date} fields (and to text holding an ISO-8601 instant or date, for domains
 *       without a schema); without a pattern a value is written as text (timestamps and dates in ISO-8601).</li>
 *   <li>Values are escaped as Hive escapes them ({@code /}, {@code =}, {@code %}, ... become {@code %2F}, ...); a null
 *       or empty value is {@value #DEFAULT_PARTITION}.</li>
 * </ul>
 *
 * <p>Syntax and patterns are checked by {@link #parse(String, String)}; field names against the domain's
 * {@link RecordSchema} when its first record arrives. Immutable and thread-safe.
 */
public final class PartitionTemplate {
    /** The setting's name in the object sinks. */
    public static final String SETTING = "partition_by";
    /** The placeholder name of the record's envelope time (epoch seconds). */
    public static final String RECORD_TIME = "record_time";
    /** Hive's name of the partition of null values. */
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private final String setting;
    private final String template;
    private final List<Object> parts;
    private final List<Placeholder> placeholders;
    private final Map<String, Integer> wanted;
    private final Set<RecordSchema> checked = ConcurrentHashMap.newKeySet();
    /**
     * The schema checked last: {@link #path} checks every record's schema, and a run's records share one instance,
     * so this spares the set's deep {@code hashCode} per record. Racy but safe: a stale value only means a look-up.
     */
    private volatile RecordSchema lastChecked;

    private PartitionTemplate(String setting, String template, List<Object> parts) {
        this.setting = setting;
        this.template = template;
        this.parts = List.copyOf(parts);
        List<Placeholder> found = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                found.add(p);
                index.putIfAbsent(p.field, index.size());
            }
        }
        this.placeholders = List.copyOf(found);
        this.wanted = Collections.unmodifiableMap(index);
    }

    /**
     * @param setting the setting's name, for messages (usually {@value #SETTING})
     * @param template the template
     * @return the parsed template
     * @throws InvalidSettingException naming the setting and the template when the syntax or a pattern is bad
     */
    public static PartitionTemplate parse(String setting, String template) {
        if (template == null || template.isBlank()) {
            throw new InvalidSettingException(setting, template, "must not be blank");
        }
        String t = template.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '}') {
                throw bad(setting, template, "'}' at position " + i + " closes no placeholder");
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int end = t.indexOf('}', i);
            if (end < 0) {
                throw bad(setting, template, "'{' at position " + i + " is never closed");
            }
            String body = t.substring(i + 1, end);
            if (body.indexOf('{') >= 0) {
                throw bad(setting, template, "placeholders cannot nest");
            }
            if (literal.length() > 0) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(placeholder(setting, template, body));
            i = end + 1;
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        if (parts.stream().noneMatch(p -> p instanceof Placeholder)) {
            throw bad(setting, template, "names no field: expected placeholders such as dt={created_at:yyyy-MM-dd}");
        }
        for (String segment : t.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw bad(setting, template, "has an empty, '.' or '..' path segment");
            }
        }
        if (t.indexOf('\\') >= 0) {
            throw bad(setting, template, "must not contain '\\'");
        }
        return new PartitionTemplate(setting, template, parts);
    }

    /**
     * Reads the {@code key} setting; a bad template is recorded as a violation of {@code config}.
     *
     * @return the template, or empty when the setting is absent (or bad)
     */
    public static Optional<PartitionTemplate> read(SinkConfig config, String key) {
        String text = config.optional(key);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(key, text));
        } catch (InvalidSettingException e) {
            for (InvalidSettingException.Violation v : e.violations()) {
                config.violation(v.setting(), v.value(), v.reason());
            }
            return Optional.empty();
        }
    }

    private static Placeholder placeholder(String setting, String template, String body) {
        int colon = body.indexOf(':');
        String field = (colon < 0 ? body : body.substring(0, colon)).strip();
        String pattern = colon < 0 ? null : body.substring(colon + 1);
        if (field.isEmpty()) {
            throw bad(setting, template, "placeholder '{" + body + "}' names no field");
        }
        DateTimeFormatter formatter = null;
        if (pattern != null) {
            if (pattern.isBlank()) {
                throw bad(setting, template, "placeholder '{" + body + "}' has an empty date pattern");
            }
            try {
                formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
                formatter.format(Instant.EPOCH);
            } catch (IllegalArgumentException | DateTimeException e) {
                throw bad(setting, template, "bad date pattern '" + pattern + "': " + e.getMessage());
            }
        }
        return new Placeholder(field, pattern, formatter);
    }

    private static InvalidSettingException bad(String setting, String template, String reason) {
        return new InvalidSettingException(setting, template, reason);
    }

    /** @return the template as written */
    public String template() {
        return template;
    }

    /** @return the field names the template reads, in order of first use */
    public List<String> fields() {
        return List.copyOf(wanted.keySet());
    }

    /**
     * Checks the template against a domain's schema: every field exists, is not a struct or list, and a field with
     * a date pattern is a timestamp or a date (a date only with a pattern of date fields).
     *
     * @param domain the domain, for messages
     * @param schema the domain's schema
     * @throws InvalidSettingException naming the setting and the template otherwise
     */
    public void check(String domain, RecordSchema schema) {
        if (schema == lastChecked) {
            return;
        }
        if (checked.contains(schema)) {
            lastChecked = schema;
            return;
        }
        for (Placeholder p : placeholders) {
            FieldType type = typeOf(schema, p.field);
            if (type == null) {
                if (p.field.equals(RECORD_TIME)) {
                    continue;
                }
                throw bad(setting, template, "field '" + p.field + "' is not a field of domain '" + domain
                        + "' (fields: " + names(schema) + ")");
            }
            FieldType.Kind kind = type.kind();
            if (kind == FieldType.Kind.STRUCT || kind == FieldType.Kind.LIST) {
                throw bad(setting, template, "field '" + p.field + "' of domain '" + domain + "' is a " + type
                        + ", not a single value");
            }
            if (p.formatter != null) {
                if (kind == FieldType.Kind.DATE) {
                    try {
                        p.formatter.format(LocalDate.EPOCH);
                    } catch (DateTimeException e) {
                        throw bad(setting, template, "date pattern '" + p.pattern + "' needs a time but field '"
                                + p.field + "' of domain '" + domain + "' is a date");
                    }
                } else if (kind != FieldType.Kind.TIMESTAMP) {
                    throw bad(setting, template, "date pattern '" + p.pattern + "' applies to timestamp and date "
                            + "fields but field '" + p.field + "' of domain '" + domain + "' is a " + type);
                }
            }
        }
        checked.add(schema);
        lastChecked = schema;
    }

    private static FieldType typeOf(RecordSchema schema, String path) {
        RecordSchema current = schema;
        String[] steps = path.split("\\.", -1);
        for (int i = 0; i < steps.length; i++) {
            Optional<RecordSchema.Field> field = current.field(steps[i]);
            if (field.isEmpty()) {
                return null;
            }
            FieldType type = field.get().type();
            if (i == steps.length - 1) {
                return type;
            }
            if (type.kind() != FieldType.Kind.STRUCT) {
                return null;
            }
            current = type.fields();
        }
        return null;
    }

    private static List<String> names(RecordSchema schema) {
        List<String> names = new ArrayList<>();
        for (RecordSchema.Field field : schema.fields()) {
            names.add(field.name());
        }
        return names;
    }

    /**
     * @param record a record
     * @return its partition path, e.g. {@code dt=2026-11-30/hour=14}
     * @throws InvalidSettingException naming the setting when a field is unknown to the record's domain or a value
     *     does not fit its pattern
     */
    public String path(EmulatedRecord record) {
        record.schema().ifPresent(schema -> check(record.domain(), schema));
        Capture capture = new Capture(wanted);
        record.data().writeFields(capture);
        StringBuilder out = new StringBuilder(32);
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                int slot = wanted.get(p.field);
                Object value = capture.values[slot];
                if (!capture.seen[slot]) {
                    if (p.field.equals(RECORD_TIME)) {
                        value = Instant.ofEpochSecond(record.timestamp());
                    } else {
                        throw bad(setting, template, "field '" + p.field + "' is not a field of domain '"
                                + record.domain() + "'");
                    }
                }
                escape(format(p, value, record), out);
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    private String format(Placeholder p, Object value, EmulatedRecord record) {
        if (value == null) {
            return null;
        }
        if (p.formatter == null) {
            return value.toString();
        }
        Object temporal = value instanceof String text ? parseTime(text) : value;
        try {
            if (temporal instanceof Instant instant) {
                return p.formatter.format(instant);
            }
            if (temporal instanceof LocalDate date) {
                return p.formatter.format(date);
            }
        } catch (DateTimeException e) {
            // falls through to the error below
        }
        throw bad(setting, template, "value '" + value + "' of field '" + p.field + "' in record " + record.seq()
                + " of domain '" + record.domain() + "' does not fit date pattern '" + p.pattern + "'");
    }

    private static Object parseTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    /** Escapes a value as Hive does in partition directory names. */
    static void escape(String value, StringBuilder out) {
        if (value == null || value.isEmpty()) {
            out.append(DEFAULT_PARTITION);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4 & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                out.append(c);
            }
        }
    }

    @Override
    public String toString() {
        return template;
    }

    private record Placeholder(String field, String pattern, DateTimeFormatter formatter) {
    }

    /** Collects the values of the wanted fields (top-level or nested, outside lists) while a record writes itself. */
    private static final class Capture implements FieldWriter {
        private final Map<String, Integer> wanted;
        final Object[] values;
        final boolean[] seen;
        private final List<String> path = new ArrayList<>();
        private int lists;

        Capture(Map<String, Integer> wanted) {
            this.wanted = wanted;
            this.values = new Object[wanted.size()];
            this.seen = new boolean[wanted.size()];
        }

        private void put(String name, Object value) {
            if (name == null || lists > 0) {
                return;
            }
            Integer slot = wanted.get(path.isEmpty() ? name : String.join(".", path) + "." + name);
            if (slot != null) {
                values[slot] = value;
                seen[slot] = true;
            }
        }

        @Override
        public void string(String name, String value) {
            put(name, value);
        }

        @Override
        public void integer(String name, long value) {
            put(name, value);
        }

        @Override
        public void floating(String name, double value) {
            put(name, value);
        }

        @Override
        public void decimal(String name, long unscaled, int scale) {
            put(name, BigDecimal.valueOf(unscaled, scale).toPlainString());
        }

        @Override
        public void timestamp(String name, long epochMicros) {
            put(name, Instant.EPOCH.plusSeconds(Math.floorDiv(epochMicros, 1_000_000L))
                    .plusNanos(Math.floorMod(epochMicros, 1_000_000L) * 1000L));
        }

        @Override
        public void date(String name, int epochDay) {
            put(name, LocalDate.ofEpochDay(epochDay));
        }

        @Override
        public void bool(String name, boolean value) {
            put(name, value);
        }

        @Override
        public void nullValue(String name) {
            put(name, null);
        }

        @Override
        public void beginObject(String name) {
            path.add(name == null ? "" : name);
        }

        @Override
        public void endObject() {
            path.remove(path.size() - 1);
        }

        @Override
        public void beginList(String name) {
            lists++;
        }

        @Override
        public void endList() {
            lists--;
        }
    }
}
