package dev.dataemulator.connect.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordSchema;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Typed Connect values of one domain: the Connect {@link Schema} built once from its {@link RecordSchema}, and each
 * record as a {@link Struct} of that schema. Types map as STRING and UUID to {@code string}, INT to {@code int32},
 * LONG to {@code int64}, DOUBLE to {@code float64}, BOOLEAN to {@code boolean}, DECIMAL(p,s) to the {@link Decimal}
 * logical type (scale s, parameter {@code connect.decimal.precision} p), TIMESTAMP to {@link Timestamp}
 * (milliseconds: Connect's precision), DATE to {@link Date}, STRUCT to a nested struct and LIST to an array; nullable
 * fields are optional. Struct names are {@code dev.dataemulator.records.<name>} (the envelope
 * {@code <name>_envelope}), as in {@link RecordSchema#toAvroSchema(boolean)}. Immutable schema; {@link #toStruct} is
 * thread-safe (each call uses its own writer).
 */
public final class ConnectValues {
    private static final String NAMESPACE = "dev.dataemulator.records.";
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final Schema schema;
    private final boolean envelope;

    private ConnectValues(Schema schema, boolean envelope) {
        this.schema = schema;
        this.envelope = envelope;
    }

    /**
     * @param schema the domain's schema
     * @param envelope whether values are the envelope {@code {emulation_id, timestamp, data}} around the record
     * @return the mapping of that domain's records
     */
    public static ConnectValues of(RecordSchema schema, boolean envelope) {
        Schema data = struct(schema).build();
        if (!envelope) {
            return new ConnectValues(data, false);
        }
        Schema wrapper = SchemaBuilder.struct().name(name(schema) + "_envelope")
                .field("emulation_id", Schema.STRING_SCHEMA)
                .field("timestamp", Schema.INT64_SCHEMA)
                .field("data", data)
                .build();
        return new ConnectValues(wrapper, true);
    }

    /** @return the value schema */
    public Schema schema() {
        return schema;
    }

    /**
     * @param record a record of the domain, with or without the envelope as this mapping was built
     * @return the record as a {@link Struct} of {@link #schema()}
     * @throws org.apache.kafka.connect.errors.DataException when the record does not match the schema
     */
    public Struct toStruct(EmulatedRecord record) {
        if (!envelope) {
            StructWriter writer = new StructWriter(schema);
            record.data().writeFields(writer);
            writer.root.validate();
            return writer.root;
        }
        Schema dataSchema = schema.field("data").schema();
        StructWriter writer = new StructWriter(dataSchema);
        record.data().writeFields(writer);
        writer.root.validate();
        return new Struct(schema).put("emulation_id", record.emulationId()).put("timestamp", record.timestamp())
                .put("data", writer.root);
    }

    private static String name(RecordSchema schema) {
        return NAMESPACE + schema.name().replace('-', '_');
    }

    private static SchemaBuilder struct(RecordSchema schema) {
        SchemaBuilder builder = SchemaBuilder.struct().name(name(schema));
        for (RecordSchema.Field field : schema.fields()) {
            SchemaBuilder type = type(field.type());
            if (field.nullable()) {
                type.optional();
            }
            if (!field.doc().isEmpty()) {
                type.doc(field.doc());
            }
            builder.field(field.name(), type.build());
        }
        return builder;
    }

    private static SchemaBuilder type(FieldType type) {
        return switch (type.kind()) {
            case STRING, UUID -> SchemaBuilder.string();
            case INT -> SchemaBuilder.int32();
            case LONG -> SchemaBuilder.int64();
            case DOUBLE -> SchemaBuilder.float64();
            case BOOLEAN -> SchemaBuilder.bool();
            case DECIMAL -> Decimal.builder(type.scale())
                    .parameter("connect.decimal.precision", Integer.toString(type.precision()));
            case TIMESTAMP -> Timestamp.builder();
            case DATE -> Date.builder();
            case STRUCT -> struct(type.fields());
            case LIST -> SchemaBuilder.array(type(type.element()).build());
        };
    }

    /** Builds a struct from a record's field calls; containers are a {@link Struct} or a {@code List}. */
    private static final class StructWriter implements FieldWriter {
        final Struct root;
        private final Deque<Object> containers = new ArrayDeque<>();
        private final Deque<Schema> schemas = new ArrayDeque<>();

        StructWriter(Schema schema) {
            root = new Struct(schema);
            containers.push(root);
            schemas.push(schema);
        }

        /** @return the schema of field {@code name} of the open struct, or the open list's element schema */
        private Schema schemaOf(String name) {
            Schema top = schemas.peek();
            if (top.type() == Schema.Type.ARRAY) {
                return top.valueSchema();
            }
            Field field = top.field(name);
            if (field == null) {
                throw new org.apache.kafka.connect.errors.DataException(
                        "Field '" + name + "' is not in the schema " + top.name());
            }
            return field.schema();
        }

        @SuppressWarnings("unchecked")
        private void put(String name, Object value) {
            Object top = containers.peek();
            if (top instanceof Struct struct) {
                struct.put(name, value);
            } else {
                ((List<Object>) top).add(value);
            }
        }

        @Override
        public void string(String name, String value) {
            put(name, value);
        }

        @Override
        public void integer(String name, long value) {
            put(name, schemaOf(name).type() == Schema.Type.INT32 ? (Object) Math.toIntExact(value) : (Object) value);
        }

        @Override
        public void floating(String name, double value) {
            put(name, value);
        }

        @Override
        public void decimal(String name, long unscaled, int scale) {
            put(name, BigDecimal.valueOf(unscaled, scale));
        }

        @Override
        public void timestamp(String name, long epochMicros) {
            put(name, new java.util.Date(Math.floorDiv(epochMicros, 1000L)));
        }

        @Override
        public void date(String name, int epochDay) {
            put(name, new java.util.Date(epochDay * MILLIS_PER_DAY));
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
            Schema child = schemaOf(name);
            Struct struct = new Struct(child);
            put(name, struct);
            containers.push(struct);
            schemas.push(child);
        }

        @Override
        public void endObject() {
            containers.pop();
            schemas.pop();
        }

        @Override
        public void beginList(String name) {
            Schema child = schemaOf(name);
            List<Object> list = new ArrayList<>();
            put(name, list);
            containers.push(list);
            schemas.push(child);
        }

        @Override
        public void endList() {
            containers.pop();
            schemas.pop();
        }
    }
}
