package dev.dataemulator.spark.internal;

import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A {@link FieldWriter} that writes a record straight into Spark's internal row form (UTF8String, Decimal, epoch
 * micros, epoch days, nested rows, array data): no text round trip. Not thread-safe; one per partition reader.
 */
public final class RowWriter implements FieldWriter {
    private final Layout top;
    private final UTF8String emulationId;
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private Frame frame;

    /**
     * @param schema the record schema the rows follow
     * @param emulationId the emulation id of envelopes
     */
    public RowWriter(RecordSchema schema, String emulationId) {
        this.top = new Layout(schema);
        this.emulationId = UTF8String.fromString(emulationId);
    }

    /**
     * @param data the record
     * @return the record's fields as a row
     */
    public InternalRow fields(RecordData data) {
        stack.clear();
        frame = new Frame(top);
        data.writeFields(this);
        if (!stack.isEmpty()) {
            throw new IllegalStateException("unbalanced beginObject/endObject or beginList/endList in "
                    + data.getClass().getName());
        }
        return new GenericInternalRow(frame.values);
    }

    /**
     * @param data the record
     * @param timestampSeconds the envelope's timestamp
     * @return the record as {@code emulation_id, timestamp, data}
     */
    public InternalRow envelope(RecordData data, long timestampSeconds) {
        return new GenericInternalRow(new Object[] {emulationId, timestampSeconds, fields(data)});
    }

    private FieldType typeOf(String name) {
        return frame.typeOf(name);
    }

    private void put(String name, Object value) {
        frame.put(name, value);
    }

    @Override
    public void string(String name, String value) {
        typeOf(name);
        put(name, value == null ? null : UTF8String.fromString(value));
    }

    @Override
    public void integer(String name, long value) {
        FieldType type = typeOf(name);
        switch (type.kind()) {
            case INT:
                put(name, (int) value);
                break;
            case DOUBLE:
                put(name, (double) value);
                break;
            case DECIMAL:
                put(name, decimal(type, value, 0));
                break;
            case TIMESTAMP:
                put(name, value);
                break;
            case STRING:
                put(name, UTF8String.fromString(Long.toString(value)));
                break;
            default:
                put(name, value);
        }
    }

    @Override
    public void floating(String name, double value) {
        FieldType type = typeOf(name);
        if (type.kind() == FieldType.Kind.DECIMAL) {
            put(name, Decimal.apply(BigDecimal.valueOf(value).setScale(type.scale(), RoundingMode.HALF_UP)));
        } else {
            put(name, value);
        }
    }

    @Override
    public void decimal(String name, long unscaled, int scale) {
        FieldType type = typeOf(name);
        if (type.kind() == FieldType.Kind.DOUBLE) {
            put(name, BigDecimal.valueOf(unscaled, scale).doubleValue());
        } else {
            put(name, decimal(type, unscaled, scale));
        }
    }

    private static Decimal decimal(FieldType type, long unscaled, int scale) {
        if (type.kind() != FieldType.Kind.DECIMAL) {
            throw new IllegalStateException("a decimal written to a " + type + " field");
        }
        if (scale == type.scale()) {
            return Decimal.apply(unscaled, type.precision(), scale);
        }
        return Decimal.apply(BigDecimal.valueOf(unscaled, scale).setScale(type.scale(), RoundingMode.HALF_UP));
    }

    @Override
    public void timestamp(String name, long epochMicros) {
        typeOf(name);
        put(name, epochMicros);
    }

    @Override
    public void date(String name, int epochDay) {
        typeOf(name);
        put(name, epochDay);
    }

    @Override
    public void bool(String name, boolean value) {
        typeOf(name);
        put(name, value);
    }

    @Override
    public void nullValue(String name) {
        typeOf(name);
        put(name, null);
    }

    @Override
    public void beginObject(String name) {
        FieldType type = typeOf(name);
        if (type.kind() != FieldType.Kind.STRUCT) {
            throw new IllegalStateException("an object written to the " + type + " field '" + name + "'");
        }
        // a struct inside a list has no name of its own: its layout is keyed by the list's name
        String key = frame.elements != null ? frame.name + "[]" : name;
        stack.push(frame);
        frame = new Frame(frame.layout.child(key, type.fields()));
        frame.name = name;
    }

    @Override
    public void endObject() {
        Frame done = frame;
        frame = stack.pop();
        put(done.name, new GenericInternalRow(done.values));
    }

    @Override
    public void beginList(String name) {
        FieldType type = typeOf(name);
        if (type.kind() != FieldType.Kind.LIST) {
            throw new IllegalStateException("a list written to the " + type + " field '" + name + "'");
        }
        stack.push(frame);
        Frame list = new Frame(type.element(), frame.layout);
        list.name = name;
        frame = list;
    }

    @Override
    public void endList() {
        Frame done = frame;
        frame = stack.pop();
        put(done.name, new GenericArrayData(done.elements.toArray()));
    }

    /** Field positions of one struct type (and of its nested structs), computed once. */
    private static final class Layout {
        private final String[] names;
        private final FieldType[] types;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Layout> children = new HashMap<>();

        Layout(RecordSchema schema) {
            List<RecordSchema.Field> fields = schema.fields();
            names = new String[fields.size()];
            types = new FieldType[fields.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = fields.get(i).name();
                types[i] = fields.get(i).type();
                index.put(names[i], i);
            }
        }

        Layout child(String name, RecordSchema schema) {
            return children.computeIfAbsent(name, n -> new Layout(schema));
        }
    }

    /** One open struct or list. */
    private static final class Frame {
        final Layout layout;
        final Object[] values;
        final FieldType element;
        final List<Object> elements;
        String name;
        int cursor;
        int current;

        Frame(Layout layout) {
            this.layout = layout;
            this.values = new Object[layout.names.length];
            this.element = null;
            this.elements = null;
        }

        Frame(FieldType element, Layout parent) {
            // a list's struct elements get their layout under the parent's key of the element type
            this.layout = parent;
            this.values = null;
            this.element = element;
            this.elements = new ArrayList<>();
        }

        FieldType typeOf(String name) {
            if (elements != null) {
                return element;
            }
            // fields usually come in schema order: try the next position before the index
            int i = cursor < layout.names.length && layout.names[cursor].equals(name) ? cursor : lookup(name);
            current = i;
            cursor = i + 1;
            return layout.types[i];
        }

        private int lookup(String name) {
            Integer i = layout.index.get(name);
            if (i == null) {
                throw new IllegalStateException("field '" + name + "' is not in the schema; expected one of "
                        + java.util.Arrays.toString(layout.names));
            }
            return i;
        }

        void put(String name, Object value) {
            if (elements != null) {
                elements.add(value);
            } else {
                values[current] = value;
            }
        }
    }
}
