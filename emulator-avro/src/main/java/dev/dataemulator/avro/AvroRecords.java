package dev.dataemulator.avro;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.FieldWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Builds Avro generic records from a record's {@link FieldWriter} calls, checking each call against the Avro schema
 * (an unknown field, a null in a required field or a value of another type throws {@link IllegalArgumentException}
 * before anything is written). Not thread-safe.
 */
public final class AvroRecords implements FieldWriter {
    private final Schema root;
    private final boolean envelope;
    private final List<Object> containers = new ArrayList<>();
    private final List<Schema> schemas = new ArrayList<>();
    /** The field the last {@link #field} call found. */
    private Schema.Field field;

    /**
     * @param root the schema records are built for ({@link AvroSchemas#schema})
     * @param envelope whether records carry the envelope
     */
    public AvroRecords(Schema root, boolean envelope) {
        this.root = root;
        this.envelope = envelope;
    }

    /**
     * @return the record as an Avro generic record of the schema
     * @throws IllegalArgumentException when the record does not fit the schema
     */
    public GenericData.Record build(EmulatedRecord record) {
        if (record.envelope() != envelope) {
            throw new IllegalArgumentException("record " + record.seq() + (envelope ? " lacks" : " has")
                    + " the envelope, unlike the file's first record");
        }
        containers.clear();
        schemas.clear();
        GenericData.Record top = new GenericData.Record(root);
        GenericData.Record data = top;
        if (envelope) {
            top.put(0, record.emulationId());
            top.put(1, record.timestamp());
            data = new GenericData.Record(root.getFields().get(2).schema());
            top.put(2, data);
        }
        containers.add(data);
        schemas.add(data.getSchema());
        record.data().writeFields(this);
        if (containers.size() != 1) {
            throw new IllegalArgumentException("record " + record.seq() + " left objects or lists open");
        }
        return top;
    }

    /** @return the non-null branch of the target's schema, the target being a field or the next list element */
    private Schema target(String name) {
        Schema container = schemas.get(schemas.size() - 1);
        Schema schema;
        if (container.getType() == Schema.Type.ARRAY) {
            schema = container.getElementType();
        } else {
            if (name == null) {
                throw new IllegalArgumentException("a value without a name outside a list");
            }
            schema = field(container, name).schema();
        }
        if (schema.getType() == Schema.Type.UNION) {
            schema = schema.getTypes().get(1);
        }
        return schema;
    }

    /** Finds a record's field by the record's name for it, and remembers it for the {@link #put} that follows. */
    private Schema.Field field(Schema record, String name) {
        Schema.Field found = record.getField(name);
        if (found == null) {
            throw new IllegalArgumentException("field '" + name + "' is not in the schema");
        }
        field = found;
        return found;
    }

    /** Stores a value in the current list, or in the current record's field the last {@link #field} call found. */
    @SuppressWarnings("unchecked")
    private void put(String name, Object value) {
        Object container = containers.get(containers.size() - 1);
        if (container instanceof GenericData.Record rec) {
            rec.put(field.pos(), value);
        } else {
            ((List<Object>) container).add(value);
        }
    }

    private static IllegalArgumentException mismatch(String name, Schema schema, String call) {
        return new IllegalArgumentException("field '" + name + "' is " + schema + " but was written with " + call
                + "()");
    }

    @Override
    public void string(String name, String value) {
        if (value == null) {
            nullValue(name);
            return;
        }
        Schema s = target(name);
        if (s.getType() != Schema.Type.STRING) {
            throw mismatch(name, s, "string");
        }
        put(name, value);
    }

    @Override
    public void integer(String name, long value) {
        Schema s = target(name);
        if (s.getLogicalType() != null) {
            throw mismatch(name, s, "integer");
        }
        if (s.getType() == Schema.Type.LONG) {
            put(name, value);
        } else if (s.getType() == Schema.Type.INT && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            put(name, (int) value);
        } else {
            throw mismatch(name, s, "integer");
        }
    }

    @Override
    public void floating(String name, double value) {
        Schema s = target(name);
        if (s.getType() != Schema.Type.DOUBLE) {
            throw mismatch(name, s, "floating");
        }
        put(name, value);
    }

    @Override
    public void decimal(String name, long unscaled, int scale) {
        Schema s = target(name);
        if (!(s.getLogicalType() instanceof org.apache.avro.LogicalTypes.Decimal d) || d.getScale() != scale) {
            throw mismatch(name, s, "decimal(scale " + scale + ")");
        }
        put(name, ByteBuffer.wrap(BigInteger.valueOf(unscaled).toByteArray()));
    }

    @Override
    public void timestamp(String name, long epochMicros) {
        Schema s = target(name);
        if (!(s.getLogicalType() instanceof org.apache.avro.LogicalTypes.TimestampMicros)) {
            throw mismatch(name, s, "timestamp");
        }
        put(name, epochMicros);
    }

    @Override
    public void date(String name, int epochDay) {
        Schema s = target(name);
        if (!(s.getLogicalType() instanceof org.apache.avro.LogicalTypes.Date)) {
            throw mismatch(name, s, "date");
        }
        put(name, epochDay);
    }

    @Override
    public void bool(String name, boolean value) {
        Schema s = target(name);
        if (s.getType() != Schema.Type.BOOLEAN) {
            throw mismatch(name, s, "bool");
        }
        put(name, value);
    }

    @Override
    public void nullValue(String name) {
        Schema container = schemas.get(schemas.size() - 1);
        if (container.getType() == Schema.Type.ARRAY) {
            throw new IllegalArgumentException("a list element is null; list elements are never null");
        }
        if (field(container, name).schema().getType() != Schema.Type.UNION) {
            throw new IllegalArgumentException("field '" + name + "' is required but was written null");
        }
        put(name, null);
    }

    @Override
    public void beginObject(String name) {
        Schema s = target(name);
        if (s.getType() != Schema.Type.RECORD) {
            throw mismatch(name, s, "beginObject");
        }
        GenericData.Record nested = new GenericData.Record(s);
        put(name, nested);
        containers.add(nested);
        schemas.add(s);
    }

    @Override
    public void endObject() {
        pop(Schema.Type.RECORD, "endObject");
    }

    @Override
    public void beginList(String name) {
        Schema s = target(name);
        if (s.getType() != Schema.Type.ARRAY) {
            throw mismatch(name, s, "beginList");
        }
        List<Object> list = new ArrayList<>();
        put(name, list);
        containers.add(list);
        schemas.add(s);
    }

    @Override
    public void endList() {
        pop(Schema.Type.ARRAY, "endList");
    }

    private void pop(Schema.Type expected, String call) {
        if (schemas.size() < 2 || schemas.get(schemas.size() - 1).getType() != expected) {
            throw new IllegalArgumentException(call + "() without a matching begin");
        }
        containers.remove(containers.size() - 1);
        schemas.remove(schemas.size() - 1);
    }
}
