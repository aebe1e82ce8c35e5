package dev.dataemulator.iceberg.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.FieldWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * A record's top-level values in Iceberg's representation (strings, ints, longs, doubles, booleans,
 * {@link BigDecimal}s, timestamps as epoch microseconds, dates as epoch days, {@link UUID}s), positioned as the
 * table's schema orders them: what {@link org.apache.iceberg.PartitionKey} reads partition source values from.
 * Nested values are skipped (partition sources are top-level columns). Reused record after record; not thread-safe.
 */
final class PartitionRow implements FieldWriter, StructLike {
    private final Map<String, Integer> positions = new HashMap<>();
    private final Type.TypeID[] types;
    private final Object[] values;
    private int depth;

    /** @param schema the table's schema */
    PartitionRow(Schema schema) {
        List<Types.NestedField> columns = schema.columns();
        this.types = new Type.TypeID[columns.size()];
        this.values = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i).name(), i);
            types[i] = columns.get(i).type().typeId();
        }
    }

    /** @return this row, holding {@code record}'s values */
    PartitionRow of(EmulatedRecord record) {
        Arrays.fill(values, null);
        depth = 0;
        record.data().writeFields(this);
        return this;
    }

    private void put(String name, Object value) {
        if (depth == 0) {
            Integer position = positions.get(name);
            if (position != null) {
                values[position] = value;
            }
        }
    }

    @Override
    public void string(String name, String value) {
        Integer position = depth == 0 ? positions.get(name) : null;
        if (position != null && value != null) {
            values[position] = types[position] == Type.TypeID.UUID ? UUID.fromString(value) : value;
        }
    }

    @Override
    public void integer(String name, long value) {
        Integer position = depth == 0 ? positions.get(name) : null;
        if (position != null) {
            // an int column's value is an Integer, as Iceberg's transforms expect
            values[position] = types[position] == Type.TypeID.INTEGER ? (Object) (int) value : (Object) value;
        }
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
        put(name, epochMicros);
    }

    @Override
    public void date(String name, int epochDay) {
        put(name, epochDay);
    }

    @Override
    public void bool(String name, boolean value) {
        put(name, value);
    }

    @Override
    public void nullValue(String name) {
        // already null
    }

    @Override
    public void beginList(String name) {
        depth++;
    }

    @Override
    public void endList() {
        depth--;
    }

    @Override
    public void beginObject(String name) {
        depth++;
    }

    @Override
    public void endObject() {
        depth--;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public <T> T get(int pos, Class<T> javaClass) {
        return javaClass.cast(values[pos]);
    }

    @Override
    public <T> void set(int pos, T value) {
        values[pos] = value;
    }
}
