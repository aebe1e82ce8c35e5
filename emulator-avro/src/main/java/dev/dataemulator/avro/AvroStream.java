package dev.dataemulator.avro;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.FieldWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Writes a record's {@link FieldWriter} calls straight into Avro's binary encoding, without building a generic record:
 * the fast path of {@link AvroBinary} for records whose fields arrive in the schema's order (a nullable field may be
 * left out: it is written null) and whose schema has no arrays. Anything else — a field out of order, a value of
 * another type, a list — {@linkplain Unsupported stops} the record, and {@link AvroBinary} writes it again through
 * Avro's generic writer, which also gives the precise error of a record that does not fit. Not thread-safe.
 */
final class AvroStream implements FieldWriter {
    private final Map<Schema, Layout> layouts = new IdentityHashMap<>();
    private final List<Layout> layoutStack = new ArrayList<>();
    private final List<Integer> positionStack = new ArrayList<>();
    private Bytes out;
    private Layout layout;
    private int position;

    /** Thrown when the record cannot take the fast path; carries no stack trace. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super("not on the fast path", null, false, false);
        }
    }

    /** @return whether records of {@code schema} can take this path: no arrays anywhere */
    static boolean supports(Schema schema) {
        return supports(schema, new IdentityHashMap<>());
    }

    private static boolean supports(Schema schema, Map<Schema, Boolean> seen) {
        switch (schema.getType()) {
            case ARRAY:
            case MAP:
            case ENUM:
            case FIXED:
                return false;
            case UNION:
                List<Schema> types = schema.getTypes();
                return types.size() == 2 && types.get(0).getType() == Schema.Type.NULL && supports(types.get(1), seen);
            case RECORD:
                if (seen.put(schema, Boolean.TRUE) != null) {
                    return true;
                }
                for (Schema.Field field : schema.getFields()) {
                    if (!supports(field.schema(), seen)) {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }

    /**
     * Writes the record; on {@link Unsupported} part of it may have been written, and the caller discards it.
     *
     * @param data the schema of the record's data (the envelope's {@code data} field, or the root)
     */
    void write(EmulatedRecord record, Schema data, boolean envelope, Bytes target) {
        if (envelope) {
            target.writeString(record.emulationId());
            target.writeLong(record.timestamp());
        }
        writeData(data, target, record.data()::writeFields);
    }

    /** Writes a record of schema {@code data} from the calls {@code fields} makes. */
    void writeData(Schema data, Bytes target, Consumer<FieldWriter> fields) {
        out = target;
        layoutStack.clear();
        positionStack.clear();
        layout = layout(data);
        position = 0;
        fields.accept(this);
        if (!layoutStack.isEmpty()) {
            throw Unsupported.INSTANCE;
        }
        finish();
    }

    private Layout layout(Schema record) {
        Layout known = layouts.get(record);
        if (known == null) {
            known = new Layout(record);
            layouts.put(record, known);
        }
        return known;
    }

    /**
     * Moves to the field {@code name}, writing null for nullable fields left out before it, and writes its union
     * branch: 1 for a value, 0 for null.
     *
     * @return the field's type, the union's non-null branch for a nullable field
     */
    private Schema field(String name, boolean isNull) {
        Layout current = layout;
        int i = position;
        while (i < current.names.length && !current.names[i].equals(name)) {
            if (!current.nullable[i]) {
                throw Unsupported.INSTANCE;
            }
            writeIndex(0);
            i++;
        }
        if (i == current.names.length) {
            throw Unsupported.INSTANCE;
        }
        position = i + 1;
        if (current.nullable[i]) {
            writeIndex(isNull ? 0 : 1);
        } else if (isNull) {
            throw Unsupported.INSTANCE;
        }
        return current.types[i];
    }

    /** Writes null for the nullable fields left out at the end of the current record. */
    private void finish() {
        for (int i = position; i < layout.names.length; i++) {
            if (!layout.nullable[i]) {
                throw Unsupported.INSTANCE;
            }
            writeIndex(0);
        }
    }

    private void writeIndex(int index) {
        out.writeLong(index);
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw Unsupported.INSTANCE;
        }
    }

    @Override
    public void string(String name, String value) {
        if (value == null) {
            nullValue(name);
            return;
        }
        Schema type = field(name, false);
        require(type.getType() == Schema.Type.STRING);
        out.writeString(value);
    }

    @Override
    public void integer(String name, long value) {
        Schema type = field(name, false);
        require(type.getLogicalType() == null);
        if (type.getType() == Schema.Type.LONG) {
            out.writeLong(value);
        } else {
            require(type.getType() == Schema.Type.INT && value >= Integer.MIN_VALUE
                    && value <= Integer.MAX_VALUE);
            out.writeLong(value);
        }
    }

    @Override
    public void floating(String name, double value) {
        Schema type = field(name, false);
        require(type.getType() == Schema.Type.DOUBLE);
        out.writeDouble(value);
    }

    @Override
    public void decimal(String name, long unscaled, int scale) {
        Schema type = field(name, false);
        LogicalType logical = type.getLogicalType();
        require(type.getType() == Schema.Type.BYTES && logical instanceof LogicalTypes.Decimal d
                && d.getScale() == scale);
        out.writeUnscaled(unscaled);
    }

    @Override
    public void timestamp(String name, long epochMicros) {
        Schema type = field(name, false);
        require(type.getLogicalType() instanceof LogicalTypes.TimestampMicros);
        out.writeLong(epochMicros);
    }

    @Override
    public void date(String name, int epochDay) {
        Schema type = field(name, false);
        require(type.getLogicalType() instanceof LogicalTypes.Date);
        out.writeLong(epochDay);
    }

    @Override
    public void bool(String name, boolean value) {
        Schema type = field(name, false);
        require(type.getType() == Schema.Type.BOOLEAN);
        out.writeBoolean(value);
    }

    @Override
    public void nullValue(String name) {
        require(name != null);
        field(name, true);
    }

    @Override
    public void beginObject(String name) {
        require(name != null);
        Schema type = field(name, false);
        require(type.getType() == Schema.Type.RECORD);
        layoutStack.add(layout);
        positionStack.add(position);
        layout = layout(type);
        position = 0;
    }

    @Override
    public void endObject() {
        require(!layoutStack.isEmpty());
        finish();
        layout = layoutStack.remove(layoutStack.size() - 1);
        position = positionStack.remove(positionStack.size() - 1);
    }

    @Override
    public void beginList(String name) {
        throw Unsupported.INSTANCE;
    }

    @Override
    public void endList() {
        throw Unsupported.INSTANCE;
    }

    /** A record schema's fields, unions unwrapped, in the order they are written. */
    private static final class Layout {
        final String[] names;
        final Schema[] types;
        final boolean[] nullable;

        Layout(Schema record) {
            List<Schema.Field> fields = record.getFields();
            names = new String[fields.size()];
            types = new Schema[fields.size()];
            nullable = new boolean[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                Schema schema = fields.get(i).schema();
                names[i] = fields.get(i).name();
                nullable[i] = schema.getType() == Schema.Type.UNION;
                types[i] = nullable[i] ? schema.getTypes().get(1) : schema;
            }
        }
    }
}
