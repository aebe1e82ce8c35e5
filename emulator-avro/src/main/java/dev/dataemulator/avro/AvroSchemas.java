package dev.dataemulator.avro;

import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Maps a {@link RecordSchema} to an Avro schema: STRING as {@code string}, UUID as {@code string (uuid)}, INT, LONG,
 * DOUBLE, BOOLEAN, DECIMAL(p,s) as {@code bytes (decimal)}, TIMESTAMP as {@code long (timestamp-micros)}, DATE as
 * {@code int (date)}, structs as nested records, lists as arrays; nullable fields as {@code ["null", T]} with a null
 * default. Names are made Avro-safe ({@code -} becomes {@code _}); nested record names are their path. The one
 * mapping of the project: Avro object files and Avro values on Kafka carry the same schema.
 */
public final class AvroSchemas {
    /** Where the generated record names live. */
    public static final String NAMESPACE = "dev.dataemulator.records";
    /** The envelope's field holding the emulation id. */
    public static final String EMULATION_ID = "emulation_id";
    /** The envelope's field holding the record's timestamp, epoch seconds. */
    public static final String TIMESTAMP = "timestamp";
    /** The envelope's field holding the record's data. */
    public static final String DATA = "data";

    private AvroSchemas() {
    }

    /**
     * @param schema the record's schema
     * @param envelope whether records carry the envelope {@code {emulation_id, timestamp, data}}
     * @return the Avro schema
     */
    public static Schema schema(RecordSchema schema, boolean envelope) {
        String name = safe(schema.name());
        Schema data = record(schema, name, name);
        if (!envelope) {
            return data;
        }
        List<Schema.Field> fields = List.of(
                new Schema.Field(EMULATION_ID, Schema.create(Schema.Type.STRING)),
                new Schema.Field(TIMESTAMP, Schema.create(Schema.Type.LONG)),
                new Schema.Field(DATA, data));
        return Schema.createRecord(name + "_envelope", null, NAMESPACE, false, fields);
    }

    private static Schema record(RecordSchema schema, String name, String path) {
        List<Schema.Field> fields = new ArrayList<>();
        for (RecordSchema.Field field : schema.fields()) {
            Schema type = type(field.type(), path + "_" + safe(field.name()));
            String doc = field.doc().isEmpty() ? null : field.doc();
            if (field.nullable()) {
                fields.add(new Schema.Field(safe(field.name()),
                        Schema.createUnion(Schema.create(Schema.Type.NULL), type), doc, JsonProperties.NULL_VALUE));
            } else {
                fields.add(new Schema.Field(safe(field.name()), type, doc));
            }
        }
        return Schema.createRecord(name, null, NAMESPACE, false, fields);
    }

    private static Schema type(FieldType type, String path) {
        switch (type.kind()) {
            case STRING:
                return Schema.create(Schema.Type.STRING);
            case UUID:
                return LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
            case INT:
                return Schema.create(Schema.Type.INT);
            case LONG:
                return Schema.create(Schema.Type.LONG);
            case DOUBLE:
                return Schema.create(Schema.Type.DOUBLE);
            case BOOLEAN:
                return Schema.create(Schema.Type.BOOLEAN);
            case DECIMAL:
                return LogicalTypes.decimal(type.precision(), type.scale()).addToSchema(
                        Schema.create(Schema.Type.BYTES));
            case TIMESTAMP:
                return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case DATE:
                return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case STRUCT:
                return record(type.fields(), path, path);
            case LIST:
                return Schema.createArray(type(type.element(), path + "_element"));
            default:
                throw new IllegalArgumentException("unsupported field type " + type);
        }
    }

    /** @return {@code name} with every character Avro does not allow in names replaced by {@code _} */
    public static String safe(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
            out.append(ok ? c : '_');
        }
        return out.toString();
    }
}
