package dev.dataemulator.jdbc.internal;

import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one record's top-level fields into an array of column values, in the schema's order: {@code String} (text,
 * UUIDs, and structs and lists as JSON text), {@code Long}, {@code Double}, {@code BigDecimal}, {@code Boolean},
 * {@code Instant}, {@code LocalDate} or {@code null}. One instance per thread.
 */
final class RowValues extends ColumnWriter {
    private final Map<String, Integer> positions = new HashMap<>();
    private final int size;
    private Object[] row;

    /**
     * @param columns the top-level fields to read, in order; other fields are skipped
     */
    RowValues(List<RecordSchema.Field> columns) {
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i).name(), i);
        }
        this.size = columns.size();
    }

    /** @return the values of {@code data}'s fields, a new array */
    Object[] read(RecordData data) {
        reset();
        row = new Object[size];
        data.writeFields(this);
        Object[] result = row;
        row = null;
        return result;
    }

    private void put(String name, Object value) {
        Integer position = positions.get(name);
        if (position != null) {
            row[position] = value;
        }
    }

    @Override
    void text(String name, String value) {
        put(name, value);
    }

    @Override
    void number(String name, long value) {
        put(name, value);
    }

    @Override
    void real(String name, double value) {
        put(name, value);
    }

    @Override
    void decimalValue(String name, long unscaled, int scale) {
        put(name, BigDecimal.valueOf(unscaled, scale));
    }

    @Override
    void instant(String name, long epochMicros) {
        put(name, toInstant(epochMicros));
    }

    @Override
    void day(String name, int epochDay) {
        put(name, LocalDate.ofEpochDay(epochDay));
    }

    @Override
    void truth(String name, boolean value) {
        put(name, value);
    }

    @Override
    void absent(String name) {
        put(name, null);
    }

    @Override
    void json(String name, String json) {
        put(name, json);
    }
}
