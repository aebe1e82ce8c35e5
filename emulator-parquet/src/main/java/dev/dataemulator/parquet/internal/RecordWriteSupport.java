package dev.dataemulator.parquet.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.FieldWriter;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.InvalidRecordException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Writes records into Parquet's record consumer straight from their {@link FieldWriter} calls, with no intermediate
 * objects. A call that does not match the schema (an unknown field, a null in a required field, a value of another
 * type) throws {@link SchemaMismatch}; the file is then broken, because Parquet has taken part of the record.
 * Not thread-safe.
 */
public final class RecordWriteSupport extends WriteSupport<EmulatedRecord> implements FieldWriter {
    private static final int MAX_DEPTH = 64;

    private final MessageType schema;
    private final boolean envelope;
    /** Whether records carrying the envelope are written as their data fields only (an Iceberg table's rows). */
    private final boolean dataOnly;
    private final Frame[] stack = new Frame[MAX_DEPTH];
    private int depth;
    private RecordConsumer consumer;
    /** Plain-encoded size of the values written so far: what a chunk's size is measured by. */
    private long valueBytes;
    private String emulationId;
    private Binary emulationIdBinary;

    RecordWriteSupport(MessageType schema, boolean envelope) {
        this(schema, envelope, false);
    }

    /**
     * @param dataOnly write every record as its data fields only, with or without the envelope ({@code envelope}
     *     must then be false)
     */
    public RecordWriteSupport(MessageType schema, boolean envelope, boolean dataOnly) {
        this.schema = schema;
        this.envelope = envelope;
        this.dataOnly = dataOnly;
        for (int i = 0; i < MAX_DEPTH; i++) {
            stack[i] = new Frame();
        }
    }

    /** Thrown when a record's calls do not match the schema. */
    public static final class SchemaMismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SchemaMismatch(String message) {
            super(message);
        }
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in Parquet's WriteSupport; the ParquetConfiguration overload is used
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public String getName() {
        return "data-emulator";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    /**
     * @return the plain-encoded size of every value written so far (a string's UTF-8 bytes and its 4-byte length, 8
     *     bytes per long and double, 4 per int and date, 1 per boolean): the data before Parquet's encodings and
     *     compression, independent of the writer's buffers
     */
    public long valueBytes() {
        return valueBytes;
    }

    @Override
    public void write(EmulatedRecord record) {
        if (!dataOnly && record.envelope() != envelope) {
            throw new SchemaMismatch("record " + record.seq() + (envelope ? " lacks" : " has")
                    + " the envelope, unlike the file's first record");
        }
        depth = 0;
        consumer.startMessage();
        if (envelope) {
            consumer.startField(ParquetSchemas.EMULATION_ID, 0);
            if (!record.emulationId().equals(emulationId)) {
                // one emulation's records per file, as a rule: encoded once
                emulationId = record.emulationId();
                emulationIdBinary = Binary.fromString(emulationId);
            }
            Binary id = emulationIdBinary;
            consumer.addBinary(id);
            valueBytes += 4 + id.length() + 8;
            consumer.endField(ParquetSchemas.EMULATION_ID, 0);
            consumer.startField(ParquetSchemas.TIMESTAMP, 1);
            consumer.addLong(record.timestamp());
            consumer.endField(ParquetSchemas.TIMESTAMP, 1);
            consumer.startField(ParquetSchemas.DATA, 2);
            consumer.startGroup();
            stack[0].struct(schema.getType(2).asGroupType());
        } else {
            stack[0].struct(schema);
        }
        record.data().writeFields(this);
        if (depth != 0) {
            throw new SchemaMismatch("record " + record.seq() + " left " + depth + " object(s) or list(s) open");
        }
        if (envelope) {
            consumer.endGroup();
            consumer.endField(ParquetSchemas.DATA, 2);
        }
        consumer.endMessage();
    }

    /** Starts a named field of the current struct, or an element of the current list; returns its type. */
    private Type begin(String name) {
        Frame top = stack[depth];
        if (top.group != null) {
            if (name == null) {
                throw new SchemaMismatch("a value without a name outside a list");
            }
            int index;
            try {
                index = top.group.getFieldIndex(name);
            } catch (InvalidRecordException e) {
                throw new SchemaMismatch("field '" + name + "' is not in the schema " + top.group.getName()
                        + top.group.getFields().stream().map(Type::getName).toList());
            }
            top.fieldName = name;
            top.fieldIndex = index;
            consumer.startField(name, index);
            return top.group.getType(index);
        }
        if (!top.started) {
            consumer.startField("list", 0);
            top.started = true;
        }
        consumer.startGroup();
        consumer.startField("element", 0);
        return top.element;
    }

    private void end() {
        Frame top = stack[depth];
        if (top.group != null) {
            consumer.endField(top.fieldName, top.fieldIndex);
        } else {
            consumer.endField("element", 0);
            consumer.endGroup();
        }
    }

    private static PrimitiveTypeName physical(Type type, String name, String call) {
        if (!type.isPrimitive()) {
            throw new SchemaMismatch("field '" + name + "' is a group but was written with " + call + "()");
        }
        return type.asPrimitiveType().getPrimitiveTypeName();
    }

    private static SchemaMismatch mismatch(String name, Type type, String call) {
        return new SchemaMismatch("field '" + name + "' is " + type + " but was written with " + call + "()");
    }

    @Override
    public void string(String name, String value) {
        if (value == null) {
            nullValue(name);
            return;
        }
        Type type = begin(name);
        PrimitiveTypeName p = physical(type, name, "string");
        if (p == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY && type.getLogicalTypeAnnotation()
                instanceof org.apache.parquet.schema.LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
            consumer.addBinary(uuid(name, value));
            valueBytes += 16;
            end();
            return;
        }
        if (p != PrimitiveTypeName.BINARY) {
            throw mismatch(name, type, "string");
        }
        Binary binary = Binary.fromString(value);
        consumer.addBinary(binary);
        valueBytes += 4 + binary.length();
        end();
    }

    /** @return the 16 big-endian bytes of a UUID column's value, as Parquet's {@code UUID} type stores it */
    private static Binary uuid(String name, String value) {
        java.util.UUID uuid;
        try {
            uuid = java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new SchemaMismatch("field '" + name + "' is a UUID but was written '" + value + "'");
        }
        byte[] bytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return Binary.fromConstantByteArray(bytes);
    }

    @Override
    public void integer(String name, long value) {
        Type type = begin(name);
        PrimitiveTypeName p = physical(type, name, "integer");
        if (p == PrimitiveTypeName.INT64 && type.getLogicalTypeAnnotation() == null) {
            consumer.addLong(value);
            valueBytes += 8;
        } else if (p == PrimitiveTypeName.INT32 && type.getLogicalTypeAnnotation() == null) {
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new SchemaMismatch("field '" + name + "' is an int but was written " + value);
            }
            consumer.addInteger((int) value);
            valueBytes += 4;
        } else {
            throw mismatch(name, type, "integer");
        }
        end();
    }

    @Override
    public void floating(String name, double value) {
        Type type = begin(name);
        if (physical(type, name, "floating") != PrimitiveTypeName.DOUBLE) {
            throw mismatch(name, type, "floating");
        }
        consumer.addDouble(value);
        valueBytes += 8;
        end();
    }

    @Override
    public void decimal(String name, long unscaled, int scale) {
        Type type = begin(name);
        PrimitiveTypeName physical = physical(type, name, "decimal");
        if (!(type.getLogicalTypeAnnotation()
                        instanceof org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d)
                || d.getScale() != scale) {
            throw mismatch(name, type, "decimal(scale " + scale + ")");
        }
        if (physical == PrimitiveTypeName.INT32 && (int) unscaled == unscaled) {
            // up to 9 digits (ParquetSchemas.decimalPhysicalType): the field's precision bounds the value
            consumer.addInteger((int) unscaled);
            valueBytes += 4;
        } else if (physical == PrimitiveTypeName.INT64) {
            consumer.addLong(unscaled);
            valueBytes += 8;
        } else {
            throw mismatch(name, type, "decimal(scale " + scale + ", unscaled " + unscaled + ")");
        }
        end();
    }

    @Override
    public void timestamp(String name, long epochMicros) {
        Type type = begin(name);
        if (physical(type, name, "timestamp") != PrimitiveTypeName.INT64
                || !(type.getLogicalTypeAnnotation()
                        instanceof org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation)) {
            throw mismatch(name, type, "timestamp");
        }
        consumer.addLong(epochMicros);
        valueBytes += 8;
        end();
    }

    @Override
    public void date(String name, int epochDay) {
        Type type = begin(name);
        if (physical(type, name, "date") != PrimitiveTypeName.INT32
                || !(type.getLogicalTypeAnnotation()
                        instanceof org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation)) {
            throw mismatch(name, type, "date");
        }
        consumer.addInteger(epochDay);
        valueBytes += 4;
        end();
    }

    @Override
    public void bool(String name, boolean value) {
        Type type = begin(name);
        if (physical(type, name, "bool") != PrimitiveTypeName.BOOLEAN) {
            throw mismatch(name, type, "bool");
        }
        consumer.addBoolean(value);
        valueBytes += 1;
        end();
    }

    @Override
    public void nullValue(String name) {
        Frame top = stack[depth];
        if (top.group == null) {
            throw new SchemaMismatch("a list element is null; list elements are never null");
        }
        Type type;
        try {
            type = top.group.getType(name);
        } catch (InvalidRecordException e) {
            throw new SchemaMismatch("field '" + name + "' is not in the schema");
        }
        if (type.isRepetition(Type.Repetition.REQUIRED)) {
            throw new SchemaMismatch("field '" + name + "' is required but was written null");
        }
        // an absent optional field is Parquet's null
    }

    @Override
    public void beginObject(String name) {
        Type type = begin(name);
        if (type.isPrimitive() || type.getLogicalTypeAnnotation() != null) {
            throw mismatch(name, type, "beginObject");
        }
        consumer.startGroup();
        push().struct(type.asGroupType());
    }

    @Override
    public void endObject() {
        if (depth == 0 || stack[depth].group == null) {
            throw new SchemaMismatch("endObject() without a matching beginObject()");
        }
        depth--;
        consumer.endGroup();
        end();
    }

    @Override
    public void beginList(String name) {
        Type type = begin(name);
        if (type.isPrimitive() || !(type.getLogicalTypeAnnotation()
                instanceof org.apache.parquet.schema.LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
            throw mismatch(name, type, "beginList");
        }
        consumer.startGroup();
        push().list(type.asGroupType().getType(0).asGroupType().getType(0));
    }

    @Override
    public void endList() {
        Frame top = stack[depth];
        if (depth == 0 || top.group != null) {
            throw new SchemaMismatch("endList() without a matching beginList()");
        }
        if (top.started) {
            consumer.endField("list", 0);
        }
        depth--;
        consumer.endGroup();
        end();
    }

    private Frame push() {
        if (depth + 1 >= MAX_DEPTH) {
            throw new SchemaMismatch("records nest deeper than " + MAX_DEPTH);
        }
        return stack[++depth];
    }

    /** A struct being written (group set) or a list being written (element set). Reused between records. */
    private static final class Frame {
        GroupType group;
        Type element;
        String fieldName;
        int fieldIndex;
        boolean started;

        void struct(GroupType type) {
            group = type;
            element = null;
            fieldName = null;
        }

        void list(Type elementType) {
            group = null;
            element = elementType;
            started = false;
        }
    }
}
