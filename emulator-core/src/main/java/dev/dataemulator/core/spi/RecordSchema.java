package dev.dataemulator.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The typed shape of a domain's records: ordered fields with a name, a {@link FieldType}, nullability and an
 * optional doc string. Immutable and thread-safe; built with {@link #builder(String)}.
 *
 * <pre>{@code
 * RecordSchema schema = RecordSchema.builder("transaction")
 *         .required("transaction_id", FieldType.UUID)
 *         .required("amount", FieldType.decimal(12, 2), "amount in the currency of the location")
 *         .optional("fraud_scenario", FieldType.STRING)
 *         .build();
 * }</pre>
 *
 * <p>A {@link RecordData} of a domain with a schema writes exactly the schema's fields, in order, each with the
 * {@link FieldWriter} call its type names (see {@link FieldType}); a nullable field may be written with
 * {@link FieldWriter#nullValue(String)} (or {@code string(name, null)}).
 */
public final class RecordSchema {
    private static final Pattern RECORD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    /** No '-' in field names: Avro, Parquet and Spark names must be identifiers. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final List<Field> fields;
    private final Map<String, Field> byName;
    private final RecordSchema previous;
    private final Map<String, String> renamed;

    private RecordSchema(String name, List<Field> fields, RecordSchema previous, Map<String, String> renamed) {
        this.name = name;
        this.previous = previous;
        this.renamed = Collections.unmodifiableMap(new LinkedHashMap<>(renamed));
        this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
        Map<String, Field> index = new LinkedHashMap<>();
        for (Field field : fields) {
            index.put(field.name(), field);
        }
        this.byName = Collections.unmodifiableMap(index);
    }

    /**
     * @param name the record's name, e.g. the domain name; formats that name records (Avro) derive their record
     *     name from it
     * @return an empty builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the record's name */
    public String name() {
        return name;
    }

    /** @return the fields, in the order records write them */
    public List<Field> fields() {
        return fields;
    }

    /** @return the field called {@code fieldName}, if any */
    public Optional<Field> field(String fieldName) {
        return Optional.ofNullable(byName.get(fieldName));
    }

    /**
     * @return the version this schema evolved from by a schema drift ({@code faults.drift}, docs/FAULTS.md), so that
     *     a table sink can evolve its table (add, drop and rename columns by field id); empty for a domain's own
     *     schema
     */
    public Optional<RecordSchema> previous() {
        return Optional.ofNullable(previous);
    }

    /**
     * @return the fields of {@link #previous()} that this version renamed, old name to new name (the other fields of
     *     the previous version that this one lacks were dropped, those it lacks in the previous one were added);
     *     empty without a previous version
     */
    public Map<String, String> renamed() {
        return renamed;
    }

    /** @return the number of fields */
    public int size() {
        return fields.size();
    }

    /**
     * The Avro schema of the records as emitted, for Avro files, Schema Registry subjects or code generation. Needs no
     * Avro library. Records are named after {@link #name()} with {@code -} replaced by {@code _} (the envelope
     * {@code <name>_envelope}), in namespace {@code dev.dataemulator.records}; nested structs after their own
     * schema's name (suffixed {@code _2}, {@code _3}... when two different structs share one). Types map as: STRING
     * {@code string}; INT {@code int}; LONG {@code long}; DOUBLE {@code double}; DECIMAL(p,s) {@code bytes} with
     * logical type {@code decimal}; BOOLEAN {@code boolean}; TIMESTAMP {@code long} with {@code timestamp-micros};
     * DATE {@code int} with {@code date}; UUID {@code string} with {@code uuid}; STRUCT a nested {@code record}; LIST
     * an {@code array}. Nullable fields are {@code ["null", T]} unions with a {@code null} default; docs are kept.
     *
     * @param envelope whether to describe the envelope {@code {emulation_id, timestamp, data}}
     *     {@code {emulation_id: string, timestamp: long (epoch seconds), data: <record>}} rather than the record alone
     * @return an Avro schema (JSON text) of the records as emitted
     */
    public String toAvroSchema(boolean envelope) {
        return SchemaExport.avro(this, envelope);
    }

    /**
     * The JSON Schema (draft 2020-12) of the records as the JSON encoders emit them: objects with exactly the schema's
     * properties ({@code additionalProperties: false}, every field {@code required}, nullable ones also accepting
     * {@code null}); INT and LONG {@code integer} (INT within 32 bits); DOUBLE and DECIMAL {@code number}; STRING
     * {@code string}; UUID {@code string} with format {@code uuid}; TIMESTAMP {@code string} with format
     * {@code date-time} (ISO-8601 UTC, e.g. {@code 2026-11-27T08:15:00Z} or {@code 2026-11-27T08:15:00.250Z}); DATE
     * {@code string} with format {@code date}; LIST {@code array}. Docs become {@code description}s.
     *
     * @param envelope whether to describe the envelope {@code {emulation_id, timestamp, data}} rather than the record alone
     * @return a JSON Schema (draft 2020-12) document of the records as emitted in JSON
     */
    public String toJsonSchema(boolean envelope) {
        return SchemaExport.jsonSchema(this, envelope);
    }

    String fieldsToString() {
        StringBuilder out = new StringBuilder("<");
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            out.append(i == 0 ? "" : ",").append(field.name()).append(':').append(field.type())
                    .append(field.nullable() ? "?" : "");
        }
        return out.append('>').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordSchema && name.equals(((RecordSchema) other).name)
                && fields.equals(((RecordSchema) other).fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, fields);
    }

    /** @return e.g. {@code transaction<transaction_id:uuid,amount:decimal(12,2),fraud_scenario:string?>} */
    @Override
    public String toString() {
        return name + fieldsToString();
    }

    /**
     * One field of a schema.
     *
     * @param name the field name, unique within its record
     * @param type the field type
     * @param nullable whether records may write a null value
     * @param doc what the field holds, or the empty string
     */
    public record Field(String name, FieldType type, boolean nullable, String doc) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(doc, "doc");
        }
    }

    /** Builds a {@link RecordSchema}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<Field> fields = new ArrayList<>();
        private RecordSchema previous;
        private Map<String, String> renamed = Map.of();

        private Builder(String name) {
            this.name = checkName("record", name, RECORD_NAME);
        }

        /** Adds a field that is never null. */
        public Builder required(String fieldName, FieldType type) {
            return field(fieldName, type, false, "");
        }

        /** Adds a documented field that is never null. */
        public Builder required(String fieldName, FieldType type, String doc) {
            return field(fieldName, type, false, doc);
        }

        /** Adds a field that may be null. */
        public Builder optional(String fieldName, FieldType type) {
            return field(fieldName, type, true, "");
        }

        /** Adds a documented field that may be null. */
        public Builder optional(String fieldName, FieldType type, String doc) {
            return field(fieldName, type, true, doc);
        }

        /**
         * Adds a field.
         *
         * @throws IllegalArgumentException when the name is not an identifier ({@code [A-Za-z_][A-Za-z0-9_]*}: Avro,
         *     Parquet and Spark need one; record names may also hold {@code -}) or is already used
         */
        public Builder field(String fieldName, FieldType type, boolean nullable, String doc) {
            checkName("field", fieldName, FIELD_NAME);
            for (Field field : fields) {
                if (field.name().equals(fieldName)) {
                    throw new IllegalArgumentException(
                            "duplicate field '" + fieldName + "' in record '" + name + "'");
                }
            }
            fields.add(new Field(fieldName, type, nullable, doc == null ? "" : doc));
            return this;
        }

        /**
         * Makes the schema a new version of another ({@link RecordSchema#previous()}).
         *
         * @param previousVersion the version it evolved from
         * @param renamedFields the fields of {@code previousVersion} renamed, old name to new name
         * @return this builder
         */
        public Builder evolvedFrom(RecordSchema previousVersion, Map<String, String> renamedFields) {
            this.previous = Objects.requireNonNull(previousVersion, "previousVersion");
            this.renamed = Map.copyOf(renamedFields);
            return this;
        }

        /** @return the schema */
        public RecordSchema build() {
            return new RecordSchema(name, fields, previous, renamed);
        }

        private static String checkName(String what, String candidate, Pattern pattern) {
            if (candidate == null || !pattern.matcher(candidate).matches()) {
                throw new IllegalArgumentException(
                        "bad " + what + " name '" + candidate + "': expected " + pattern.pattern());
            }
            return candidate;
        }
    }
}
