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
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final String name;
    private final List<Field> fields;
    private final Map<String, Field> byName;

    private RecordSchema(String name, List<Field> fields) {
        this.name = name;
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

    /** @return the number of fields */
    public int size() {
        return fields.size();
    }

    /**
     * @param envelope whether to describe the original service's envelope
     *     {@code {emulation_id: string, timestamp: long, data: <record>}} rather than the record alone
     * @return an Avro schema (JSON text) of the records as emitted
     */
    public String toAvroSchema(boolean envelope) {
        throw new UnsupportedOperationException("Avro export is not implemented yet");
    }

    /**
     * @param envelope whether to describe the original service's envelope rather than the record alone
     * @return a JSON Schema (draft 2020-12) document of the records as emitted in JSON
     */
    public String toJsonSchema(boolean envelope) {
        throw new UnsupportedOperationException("JSON Schema export is not implemented yet");
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

        private Builder(String name) {
            this.name = checkName("record", name);
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
         * @throws IllegalArgumentException when the name is not an identifier ({@code [A-Za-z_][A-Za-z0-9_-]*}) or
         *     is already used
         */
        public Builder field(String fieldName, FieldType type, boolean nullable, String doc) {
            checkName("field", fieldName);
            for (Field field : fields) {
                if (field.name().equals(fieldName)) {
                    throw new IllegalArgumentException(
                            "duplicate field '" + fieldName + "' in record '" + name + "'");
                }
            }
            fields.add(new Field(fieldName, type, nullable, doc == null ? "" : doc));
            return this;
        }

        /** @return the schema */
        public RecordSchema build() {
            return new RecordSchema(name, fields);
        }

        private static String checkName(String what, String candidate) {
            if (candidate == null || !NAME.matcher(candidate).matches()) {
                throw new IllegalArgumentException(
                        "bad " + what + " name '" + candidate + "': expected [A-Za-z_][A-Za-z0-9_-]*");
            }
            return candidate;
        }
    }
}
