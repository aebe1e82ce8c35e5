package dev.dataemulator.core.internal;

import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SettingText;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.FieldGenerators;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.support.Seeding;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code faults.drift} entries read: from the event time {@code at} on, a domain's records have a second version
 * of its schema, with fields added ({@code add.FIELD=GENERATOR}), dropped ({@code drop=a,b}) and renamed
 * ({@code rename.OLD=NEW}). The new version keeps the old fields' order (dropped ones left out, renamed ones in their
 * place) and appends the added fields in the order given. Immutable.
 */
public final class Drift {
    /** The prefix of the entries within the faults setting. */
    static final String PREFIX = "drift.";
    private static final String NAME = Faults.SETTING + "." + PREFIX;
    private static final List<String> PARTS = List.of("at", "add", "drop", "rename");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Instant at;
    private final Map<String, String> add;
    private final List<String> drop;
    private final Map<String, String> rename;

    private Drift(Instant at, Map<String, String> add, List<String> drop, Map<String, String> rename) {
        this.at = at;
        this.add = Collections.unmodifiableMap(add);
        this.drop = List.copyOf(drop);
        this.rename = Collections.unmodifiableMap(rename);
    }

    /**
     * Reads the drift's entries.
     *
     * @param entries the entries after {@code faults.drift.}: {@code at}, {@code add.FIELD}, {@code drop},
     *     {@code rename.OLD}
     * @return the drift, or {@code null} when there are no entries
     * @throws InvalidSettingException naming the entry ({@code faults.drift.KEY}) when a part is unknown (with the
     *     closest one), {@code at} is missing or not an ISO-8601 instant, a name is not an identifier, or the drift
     *     changes nothing
     */
    static Drift parse(Map<String, String> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        Instant at = null;
        Map<String, String> add = new LinkedHashMap<>();
        List<String> drop = new ArrayList<>();
        Map<String, String> rename = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = entry.getKey();
            String name = NAME + key;
            String value = entry.getValue();
            int dot = key.indexOf('.');
            String part = dot < 0 ? key : key.substring(0, dot);
            String field = dot < 0 ? null : key.substring(dot + 1);
            if (!PARTS.contains(part)) {
                String closest = SettingText.closest(part, PARTS);
                throw new InvalidSettingException(name, value, "unknown part of the drift '" + part + "'"
                        + (closest == null ? "" : ", did you mean '" + closest + "'?") + " Parts: at, add.FIELD, "
                        + "drop, rename.FIELD");
            }
            boolean perField = part.equals("add") || part.equals("rename");
            if (perField != (field != null)) {
                throw new InvalidSettingException(name, value, perField ? "expected " + NAME + part + ".FIELD"
                        : "expected " + NAME + part + " without a field name");
            }
            if (perField) {
                identifier(name, value, field);
            }
            switch (part) {
                case "at":
                    at = instant(name, value);
                    break;
                case "add":
                    if (value == null || value.isBlank()) {
                        throw new InvalidSettingException(name, value, "expected the added field's generator, e.g. "
                                + "{one_of: [web, app]}");
                    }
                    add.put(field, value.strip());
                    break;
                case "rename":
                    rename.put(field, identifier(name, value, value == null ? null : value.strip()));
                    break;
                default:
                    for (String dropped : (value == null ? "" : value).split(",", -1)) {
                        drop.add(identifier(name, value, dropped.strip()));
                    }
                    break;
            }
        }
        if (at == null) {
            throw new InvalidSettingException(NAME + "at", null, "needed with the other " + NAME + "* entries: the "
                    + "event time from which records have the new schema, e.g. 2026-01-15T00:00:00Z");
        }
        if (add.isEmpty() && drop.isEmpty() && rename.isEmpty()) {
            throw new InvalidSettingException(NAME + "at", entries.get("at"), "the drift changes nothing: give "
                    + NAME + "add.FIELD, " + NAME + "drop or " + NAME + "rename.FIELD");
        }
        return new Drift(at, add, drop, rename);
    }

    private static String identifier(String name, String value, String candidate) {
        if (candidate == null || !FIELD_NAME.matcher(candidate).matches()) {
            throw new InvalidSettingException(name, value, "'" + candidate + "' is not a field name: expected "
                    + FIELD_NAME.pattern());
        }
        return candidate;
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(name, value, "expected an ISO-8601 instant, e.g. 2026-01-15T00:00:00Z");
        }
    }

    /** @return whether the new version leaves {@code field} out */
    boolean drops(String field) {
        return drop.contains(field);
    }

    /** @return the event time from which records have the new schema */
    public Instant at() {
        return at;
    }

    /**
     * Checks the drift against the domain and the run, and compiles its added fields, when the emulation starts.
     *
     * @param domain the domain's name
     * @param generator the domain, opened for the emulation
     * @param context what it was opened with: the added fields are opened with the same seed and record clock
     * @param eventTime the run's event time: {@code at} must lie within a virtual clock's range, when it is known
     * @return the drift bound to the domain
     * @throws InvalidSettingException naming the entry when the domain declares no schema, {@code at} is outside the
     *     run's event times, a dropped or renamed field is unknown (with the closest one) or is the key, a field is
     *     renamed to or added as a field the new version already has, or an added field's generator is invalid
     */
    public Bound bind(String domain, DomainGenerator generator, DomainContext context, EventTime eventTime) {
        RecordSchema schema = generator.schema().orElseThrow(() -> new InvalidSettingException(NAME + "at",
                at.toString(), "domain '" + domain + "' declares no schema, so it has none to change"));
        long atMillis = at.toEpochMilli();
        if (eventTime.from().isPresent() && atMillis <= eventTime.from().get().toEpochMilli()
                || eventTime.to().isPresent() && atMillis >= eventTime.to().get().toEpochMilli()) {
            throw new InvalidSettingException(NAME + "at", at.toString(), "outside the run's event times "
                    + eventTime.from().map(Instant::toString).orElse("") + ".."
                    + eventTime.to().map(Instant::toString).orElse("") + ": every record would have the same "
                    + "schema");
        }
        List<String> known = schema.fields().stream().map(RecordSchema.Field::name).toList();
        String key = rename.isEmpty() && drop.isEmpty() ? null : keyField(generator, known);
        for (String dropped : drop) {
            String name = NAME + "drop";
            String value = String.join(",", drop);
            existing(domain, name, value, dropped, known);
            if (dropped.equals(key)) {
                throw new InvalidSettingException(name, value, "field '" + dropped + "' is the record key of "
                        + "domain '" + domain + "'; a record cannot lose its key");
            }
            if (rename.containsKey(dropped)) {
                throw new InvalidSettingException(name, value, "field '" + dropped + "' is also renamed ("
                        + NAME + "rename." + dropped + ")");
            }
        }
        Set<String> taken = new LinkedHashSet<>(known);
        drop.forEach(taken::remove);
        rename.keySet().forEach(taken::remove);
        for (Map.Entry<String, String> entry : rename.entrySet()) {
            String name = NAME + "rename." + entry.getKey();
            existing(domain, name, entry.getValue(), entry.getKey(), known);
            if (entry.getKey().equals(key)) {
                throw new InvalidSettingException(name, entry.getValue(), "field '" + entry.getKey() + "' is the "
                        + "record key of domain '" + domain + "'; renaming it would leave the key under another name");
            }
            if (!taken.add(entry.getValue())) {
                throw new InvalidSettingException(name, entry.getValue(), "domain '" + domain + "' already has a "
                        + "field '" + entry.getValue() + "' after the drift");
            }
        }
        for (String added : add.keySet()) {
            if (!taken.add(added)) {
                throw new InvalidSettingException(NAME + "add." + added, add.get(added), "domain '" + domain
                        + "' already has a field '" + added + "'" + (known.contains(added) ? "" : " after the drift"));
            }
        }
        DomainGenerator added = add.isEmpty() ? null
                : generators().compile(domain, add).open(new DomainContext(context.seed(), context.clock(), Map.of()));
        return new Bound(this, newVersion(schema, added), added, Seeding.derive(context.seed(), domain + "#drift"));
    }

    /**
     * The schema from {@code at} on, for schema exports (no emulation): the added fields' types are those of their
     * generators.
     *
     * @param domain the domain's name
     * @param generator the domain, opened
     * @param context what it was opened with
     * @return the new version of the schema
     */
    public RecordSchema newSchema(String domain, DomainGenerator generator, DomainContext context) {
        return bind(domain, generator, context, EventTime.live()).schema();
    }

    private static void existing(String domain, String name, String value, String field, List<String> known) {
        if (!known.contains(field)) {
            String closest = SettingText.closest(field, known);
            throw new InvalidSettingException(name, value, "domain '" + domain + "' has no field '" + field + "'"
                    + (closest == null ? "" : ", did you mean '" + closest + "'?"));
        }
    }

    /**
     * @return the top-level field whose value is the record key in the domain's first records (the schema does not
     *     name its key), or {@code null} when none is
     */
    private static String keyField(DomainGenerator generator, List<String> known) {
        RecordFactory factory = generator.newFactory();
        Set<String> candidates = new LinkedHashSet<>(known);
        for (long seq = 0; seq < 3 && !candidates.isEmpty(); seq++) {
            RecordData data = factory.create(seq, Seeding.forRecord(0L, seq));
            if (data == null) {
                break;
            }
            Map<String, Object> values = MapFieldWriter.toMap(data);
            candidates.removeIf(field -> !Objects.equals(String.valueOf(values.get(field)), data.key()));
        }
        return candidates.size() == 1 ? candidates.iterator().next() : null;
    }

    private static FieldGenerators generators() {
        List<FieldGenerators> found = new ArrayList<>();
        try {
            ServiceLoader.load(FieldGenerators.class, Drift.class.getClassLoader()).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new InvalidSettingException(NAME + "add", null, "the generators of added fields could not be "
                    + "loaded: " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new InvalidSettingException(NAME + "add", null, "added fields are made by the declarative value "
                    + "vocabulary; add dev.dataemulator:emulator-declarative to the class path");
        }
        return found.get(0);
    }

    private RecordSchema newVersion(RecordSchema schema, DomainGenerator added) {
        RecordSchema.Builder version = RecordSchema.builder(schema.name()).evolvedFrom(schema, rename);
        for (RecordSchema.Field field : schema.fields()) {
            if (!drop.contains(field.name())) {
                version.field(rename.getOrDefault(field.name(), field.name()), field.type(), field.nullable(),
                        field.doc());
            }
        }
        if (added != null) {
            RecordSchema addedSchema = added.schema().orElseThrow(() -> new IllegalStateException(
                    "the added fields' domain declares no schema"));
            for (RecordSchema.Field field : addedSchema.fields()) {
                version.field(field.name(), field.type(), field.nullable(), field.doc());
            }
        }
        return version.build();
    }

    /** @return the entries, e.g. {@code drop=tier}, for messages */
    @Override
    public String toString() {
        return "Drift[at=" + at + ", add=" + add.keySet() + ", drop=" + drop + ", rename=" + rename + "]";
    }

    /**
     * A drift bound to one emulation's domain: the new version of the schema and the added fields' generator.
     * Thread-safe; each worker takes its own {@link #newAdder()}.
     */
    public static final class Bound {
        private final Drift drift;
        private final RecordSchema schema;
        private final DomainGenerator added;
        private final long addedKey;
        private final long atMillis;
        private final Map<String, String> renamed;
        private final Set<String> dropped;

        Bound(Drift drift, RecordSchema schema, DomainGenerator added, long addedKey) {
            this.drift = drift;
            this.schema = schema;
            this.added = added;
            this.addedKey = addedKey;
            this.atMillis = drift.at.toEpochMilli();
            this.renamed = drift.rename;
            this.dropped = Set.copyOf(drift.drop);
        }

        /** @return the schema of records at or after {@link #atMillis()} */
        public RecordSchema schema() {
            return schema;
        }

        /** @return the event time (epoch millis) from which records have the new schema */
        public long atMillis() {
            return atMillis;
        }

        /** @return a maker of the added fields for one thread, or {@code null} when the drift adds none */
        RecordFactory newAdder() {
            return added == null ? null : added.newFactory();
        }

        /**
         * @param adder this thread's {@link #newAdder()}
         * @param seq the record; called while the record clock tells its event time
         * @return the record's added fields, or {@code null} when the drift adds none
         */
        RecordData added(RecordFactory adder, long seq) {
            return adder == null ? null : adder.create(seq, Seeding.forRecord(addedKey, seq));
        }

        /** @return the new name of a top-level field; {@code null} when dropped */
        String nameOf(String field) {
            return dropped.contains(field) ? null : renamed.getOrDefault(field, field);
        }

        @Override
        public String toString() {
            return drift.toString();
        }
    }
}
