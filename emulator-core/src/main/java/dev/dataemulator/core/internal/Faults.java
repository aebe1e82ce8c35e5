package dev.dataemulator.core.internal;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SettingText;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.OrphanValues;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.support.Seeding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code faults} setting read: for each kind of fault its rate and, for kinds that damage a field, the fields it
 * may damage. Which record is damaged, how and in which field is a pure function of (domain stream key, seq)
 * ({@link #decide(long, long)}), so faults repeat at any thread count and shard. At most one fault per record: the
 * kinds share one uniform draw, each taking a slice of [0, 1). The rates are shares of the emitted records: a seq
 * drawing {@code duplicate} emits its record and a repeat, so each slice is its rate divided by (1 - duplicate rate),
 * and the rates, the duplicate rate counted twice, add up to at most 1. Immutable.
 *
 * <p>Text form: entries {@code faults.duplicate=0.01}, {@code faults.malformed=0.0005}, and for the kinds with fields
 * {@code faults.null.rate=0.005}, {@code faults.null.fields=amount,currency}.
 */
public final class Faults {
    /** The name of the setting. */
    public static final String SETTING = "faults";

    /** The kinds of fault, in the order they take their slice of the draw. */
    public enum Kind {
        DUPLICATE("duplicate", false),
        NULL("null", true),
        OUT_OF_RANGE("out_of_range", true),
        WRONG_TYPE("wrong_type", true),
        MALFORMED("malformed", false),
        ORPHAN("orphan", true);

        private final String text;
        private final boolean hasFields;

        Kind(String text, boolean hasFields) {
            this.text = text;
            this.hasFields = hasFields;
        }

        /** @return the kind's name in the setting and in labels, e.g. {@code out_of_range} */
        public String text() {
            return text;
        }

        /** @return whether the kind damages one of a list of fields */
        public boolean hasFields() {
            return hasFields;
        }

        static Kind of(String text) {
            for (Kind kind : values()) {
                if (kind.text.equals(text)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /**
     * One record's fault.
     *
     * @param kind the kind
     * @param field the damaged field, or {@code null} for kinds without fields
     */
    public record Choice(Kind kind, String field) {
        /** @return the label: {@code kind} or {@code kind:field} */
        public String label() {
            return field == null ? kind.text() : kind.text() + ":" + field;
        }
    }

    private static final long SALT = Seeding.hash("faults");
    private static final long GAP_SALT = Seeding.hash("faults.duplicate.gap");
    private static final long ORPHAN_SALT = Seeding.hash("faults.orphan.value");
    /** The most positions a repeat follows its record by. */
    public static final int REPEAT_WINDOW = 32;

    private final double[] rates = new double[Kind.values().length];
    /**
     * Each kind's slice of the per-seq draw, so that the rates are shares of the emitted records: a seq drawing
     * {@code duplicate} emits two records (itself and, later, its repeat), so with duplicate rate d every slice is
     * its rate divided by (1 - d), and duplicates are a share d of what is emitted.
     */
    private final double[] slices = new double[Kind.values().length];
    private final String[][] fields = new String[Kind.values().length][];
    private final Map<String, String> entries;
    /** The schema drift ({@code faults.drift.*}); null without. */
    private Drift drift;

    private Faults(Map<String, String> entries) {
        this.entries = Map.copyOf(entries);
    }

    /**
     * Reads the setting's entries.
     *
     * @param entries the entries after {@code faults.}, e.g. {@code duplicate} or {@code null.rate}
     * @return the faults; {@code null} when there are no entries
     * @throws InvalidSettingException naming the entry ({@code faults.KEY}) and its value when a kind is unknown
     *     (with the closest kind), a rate is not a number in [0, 1], fields are missing or given to a kind without
     *     fields, or the rates add up to more than 1
     */
    public static Faults parse(Map<String, String> entries) {
        if (entries == null || entries.isEmpty()) {
            return null;
        }
        Faults faults = new Faults(entries);
        List<String> kindNames = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            kindNames.add(kind.text);
        }
        kindNames.add("drift");
        Map<String, String> driftEntries = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : new LinkedHashMap<>(entries).entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(Drift.PREFIX) || key.equals("drift")) {
                driftEntries.put(key.substring(Math.min(key.length(), Drift.PREFIX.length())), entry.getValue());
                continue;
            }
            String name = SETTING + "." + key;
            int dot = key.indexOf('.');
            String kindText = dot < 0 ? key : key.substring(0, dot);
            String part = dot < 0 ? "" : key.substring(dot + 1);
            Kind kind = Kind.of(kindText);
            if (kind == null) {
                String closest = SettingText.closest(kindText, kindNames);
                throw new InvalidSettingException(name, entry.getValue(), "unknown fault '" + kindText + "'"
                        + (closest == null ? "" : ", did you mean '" + closest + "'?") + " Kinds: "
                        + String.join(", ", kindNames));
            }
            if (!kind.hasFields && !part.isEmpty() || kind.hasFields && !part.equals("rate")
                    && !part.equals("fields")) {
                throw new InvalidSettingException(name, entry.getValue(), kind.hasFields
                        ? "expected " + SETTING + "." + kind.text + ".rate or " + SETTING + "." + kind.text
                                + ".fields"
                        : "expected " + SETTING + "." + kind.text + "=RATE: this fault damages no field");
            }
            if (part.equals("fields")) {
                String[] names = Arrays.stream(entry.getValue().split(",", -1)).map(String::strip)
                        .toArray(String[]::new);
                if (Arrays.stream(names).anyMatch(String::isEmpty)) {
                    throw new InvalidSettingException(name, entry.getValue(),
                            "expected comma-separated field names, e.g. amount,currency");
                }
                faults.fields[kind.ordinal()] = names;
            } else {
                faults.rates[kind.ordinal()] = rate(name, entry.getValue());
            }
        }
        double total = faults.rates[Kind.DUPLICATE.ordinal()];
        for (Kind kind : Kind.values()) {
            boolean hasRate = entries.containsKey(kind.hasFields ? kind.text + ".rate" : kind.text);
            boolean hasFields = faults.fields[kind.ordinal()] != null;
            if (kind.hasFields && hasRate != hasFields) {
                String missing = SETTING + "." + kind.text + (hasRate ? ".fields" : ".rate");
                throw new InvalidSettingException(missing, null, "needed with " + SETTING + "." + kind.text
                        + (hasRate ? ".rate" : ".fields"));
            }
            total += faults.rates[kind.ordinal()];
        }
        faults.drift = Drift.parse(driftEntries);
        for (Kind kind : Kind.values()) {
            String[] names = faults.fields[kind.ordinal()];
            for (String field : names == null ? new String[0] : names) {
                if (faults.drift != null && faults.drift.drops(field)) {
                    throw new InvalidSettingException(SETTING + "." + kind.text + ".fields", String.join(",", names),
                            "field '" + field + "' is dropped by " + SETTING + ".drift.drop, so records after the "
                                    + "drift could not carry the fault");
                }
            }
        }
        if (total > 1) {
            throw new InvalidSettingException(SETTING, entries, "the rates add up to " + total
                    + ", more than 1 (a record takes at most one fault; duplicate counts twice, for the record and "
                    + "its repeat)");
        }
        double emitted = 1 - faults.rates[Kind.DUPLICATE.ordinal()];
        for (Kind kind : Kind.values()) {
            faults.slices[kind.ordinal()] = faults.rates[kind.ordinal()] / emitted;
        }
        return faults;
    }

    private static double rate(String name, String text) {
        double rate;
        try {
            rate = Double.parseDouble(text.strip());
        } catch (RuntimeException e) {
            throw new InvalidSettingException(name, text, "expected a rate from 0 to 1, e.g. 0.01");
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new InvalidSettingException(name, text, "must be from 0 to 1 (a share of the records)");
        }
        return rate;
    }

    /**
     * Checks the fields against the domain's schema, when the emulation starts.
     *
     * @param domain the domain
     * @param generator its generator, whose schema ({@code null} when it declares none) names the fields
     * @throws InvalidSettingException naming {@code faults.KIND.fields} when a field is unknown, a kind needs a schema
     *     the domain lacks, {@code null} names a field that may already be null, {@code out_of_range} a field whose
     *     type declares no bounds (only INT and DECIMAL do), {@code wrong_type} a field that is not a number or a
     *     boolean, or {@code orphan} a field that is not a reference ({@link #orphans})
     */
    public void check(String domain, DomainGenerator generator) {
        RecordSchema schema = generator.schema().orElse(null);
        for (Kind kind : Kind.values()) {
            String[] names = fields[kind.ordinal()];
            if (names == null) {
                continue;
            }
            String name = SETTING + "." + kind.text + ".fields";
            String value = String.join(",", names);
            if (schema == null) {
                throw new InvalidSettingException(name, value, "domain '" + domain
                        + "' declares no schema, so its fields cannot be damaged");
            }
            for (String field : names) {
                RecordSchema.Field declared = schema.field(field).orElse(null);
                if (declared == null) {
                    List<String> known = schema.fields().stream().map(RecordSchema.Field::name).toList();
                    String closest = SettingText.closest(field, known);
                    throw new InvalidSettingException(name, value, "domain '" + domain + "' has no field '" + field
                            + "'" + (closest == null ? "" : ", did you mean '" + closest + "'?"));
                }
                FieldType.Kind type = declared.type().kind();
                if (kind == Kind.NULL && declared.nullable()) {
                    throw new InvalidSettingException(name, value, "field '" + field
                            + "' may be null already, so a null there is no fault");
                }
                if (kind == Kind.OUT_OF_RANGE && type != FieldType.Kind.INT && type != FieldType.Kind.DECIMAL) {
                    throw new InvalidSettingException(name, value, "field '" + field + "' ("
                            + type.name().toLowerCase(Locale.ROOT) + ") declares no bounds; only int and "
                            + "decimal fields do");
                }
                if (kind == Kind.WRONG_TYPE && type != FieldType.Kind.INT && type != FieldType.Kind.LONG
                        && type != FieldType.Kind.DOUBLE && type != FieldType.Kind.DECIMAL
                        && type != FieldType.Kind.BOOLEAN) {
                    throw new InvalidSettingException(name, value, "field '" + field + "' ("
                            + type.name().toLowerCase(Locale.ROOT) + ") is not a number or a boolean, which "
                            + "wrong_type writes as a string");
                }
            }
        }
        orphans(domain, generator);
    }

    /**
     * The makers of absent values of the {@code orphan} fields, from the domain ({@link DomainGenerator#orphans}).
     *
     * @param domain the domain
     * @param generator its generator
     * @return each {@code orphan} field's maker; empty without {@code orphan}
     * @throws InvalidSettingException naming {@code faults.orphan.fields} when a field is not a reference, or a
     *     reference whose parent leaves no value provably absent
     */
    public Map<String, OrphanValues> orphans(String domain, DomainGenerator generator) {
        String[] names = fields[Kind.ORPHAN.ordinal()];
        if (names == null) {
            return Map.of();
        }
        String name = SETTING + "." + Kind.ORPHAN.text + ".fields";
        String value = String.join(",", names);
        Map<String, OrphanValues> orphans = new LinkedHashMap<>();
        for (String field : names) {
            OrphanValues values;
            try {
                values = generator.orphans(field).orElse(null);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(name, value, "field '" + field + "' of domain '" + domain
                        + "': " + e.getMessage());
            }
            if (values == null) {
                List<String> references = new ArrayList<>();
                for (RecordSchema.Field declared : generator.schema().map(RecordSchema::fields).orElse(List.of())) {
                    try {
                        generator.orphans(declared.name()).ifPresent(found -> references.add(declared.name()));
                    } catch (IllegalArgumentException e) {
                        references.add(declared.name()); // a reference, though without provable orphans
                    }
                }
                throw new InvalidSettingException(name, value, "field '" + field + "' of domain '" + domain
                        + "' is not a reference to another domain (a declarative 'ref'), so no value of it is an "
                        + "orphan; " + (references.isEmpty() ? "the domain has no reference"
                                : "its references: " + String.join(", ", references)));
            }
            orphans.put(field, values);
        }
        return orphans;
    }

    /**
     * @param streamKey the domain's stream key
     * @param seq a record damaged by {@code orphan}
     * @return which absent value it takes ({@link OrphanValues#write}), from (stream key, seq)
     */
    public long orphanDraw(long streamKey, long seq) {
        return Seeding.mix(streamKey ^ ORPHAN_SALT ^ Seeding.mix(seq));
    }

    /**
     * Refuses the faults a typed format cannot hold, when the emulation starts: all but {@code duplicate} and
     * {@code orphan}, whose records are well-typed.
     *
     * @param format the sink's typed format ({@code SyncProducer#typedFormat()}), e.g. {@code parquet}
     * @throws InvalidSettingException naming {@code faults.malformed}, {@code faults.wrong_type.rate},
     *     {@code faults.null.rate} or {@code faults.out_of_range.rate} when set
     */
    public void checkFormat(String format) {
        checkStructured(format);
        String[][] refused = {
            {"wrong_type", "whose typed values cannot hold a value of the wrong type"},
            {"null", "whose required columns cannot hold a null"},
            {"out_of_range", "whose typed columns cannot hold a value outside the field's bounds"}};
        for (String[] kind : refused) {
            if (rate(Kind.of(kind[0])) > 0) {
                throw new InvalidSettingException(SETTING + "." + kind[0] + ".rate", entries.get(kind[0] + ".rate"),
                        "the sink writes " + format + ", " + kind[1] + "; " + kind[0]
                                + " needs a text format (JSON, CSV)");
            }
        }
    }

    /**
     * Refuses {@code malformed} for a door that hands over structured values, not encoded text (a Kafka Connect
     * source's values, which its converter encodes).
     *
     * @param format what the door writes, e.g. {@code Kafka Connect values}
     * @throws InvalidSettingException naming {@code faults.malformed} when set
     */
    public void checkStructured(String format) {
        if (rate(Kind.MALFORMED) > 0) {
            throw new InvalidSettingException(SETTING + ".malformed", entries.get("malformed"), "the sink writes "
                    + format + ", which cannot hold a malformed record; malformed needs a text format (JSON, CSV)");
        }
    }

    /** @return whether some kind has a rate above 0, so that records are damaged and labelled (not a drift alone) */
    public boolean damages() {
        for (double rate : rates) {
            if (rate > 0) {
                return true;
            }
        }
        return false;
    }

    /** @return the rate of a kind, 0 when not set */
    public double rate(Kind kind) {
        return rates[kind.ordinal()];
    }

    /**
     * @param streamKey the domain's stream key, {@code Seeding.derive(seed, domain)}
     * @param seq the record
     * @return the record's fault, or {@code null} for a clean record
     */
    public Choice decide(long streamKey, long seq) {
        long h = Seeding.mix(streamKey ^ SALT ^ Seeding.mix(seq));
        double u = Seeding.unit(h);
        double edge = 0;
        for (Kind kind : Kind.values()) {
            edge += slices[kind.ordinal()];
            if (u < edge) {
                String[] names = fields[kind.ordinal()];
                String field = names == null ? null
                        : names[(int) Math.floorMod(Seeding.mix(h), (long) names.length)];
                return new Choice(kind, field);
            }
        }
        return null;
    }

    /**
     * @param streamKey the domain's stream key
     * @param seq a record that {@link #decide} repeats ({@code duplicate})
     * @return how many positions later its repeat comes, 1 to {@link #REPEAT_WINDOW}, from (stream key, seq)
     */
    public int repeatGap(long streamKey, long seq) {
        return 1 + (int) Math.floorMod(Seeding.mix(streamKey ^ GAP_SALT ^ Seeding.mix(seq)), (long) REPEAT_WINDOW);
    }

    /** @return the schema drift ({@code faults.drift.*}), or {@code null} without */
    public Drift drift() {
        return drift;
    }

    /** @return the entries as set, after {@code faults.} */
    public Map<String, String> entries() {
        return entries;
    }
}
