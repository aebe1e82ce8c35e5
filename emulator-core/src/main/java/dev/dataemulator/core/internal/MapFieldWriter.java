package dev.dataemulator.core.internal;

import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a record's fields into ordered maps as its JSON reads: strings, {@code Long}, {@code Double},
 * {@code BigDecimal} (decimals, with their scale), {@code Boolean}, null, timestamps and dates as their ISO-8601 text
 * ({@link IsoTime}), lists as {@code List}s, nested objects as maps. For tests, fixtures and tools, not for the hot
 * path.
 */
public final class MapFieldWriter implements FieldWriter {
    /** Open containers: a {@code Map} for objects, a {@code List} for lists. */
    private final Deque<Object> stack = new ArrayDeque<>();

    private MapFieldWriter() {
        stack.push(new LinkedHashMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(RecordData data) {
        MapFieldWriter writer = new MapFieldWriter();
        data.writeFields(writer);
        return (Map<String, Object>) writer.stack.getLast();
    }

    @SuppressWarnings("unchecked")
    private void put(String name, Object value) {
        Object top = stack.peek();
        if (top instanceof List) {
            ((List<Object>) top).add(value);
        } else {
            ((Map<String, Object>) top).put(name, value);
        }
    }

    @Override
    public void string(String name, String value) {
        put(name, value);
    }

    @Override
    public void integer(String name, long value) {
        put(name, value);
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
        put(name, IsoTime.timestamp(epochMicros));
    }

    @Override
    public void date(String name, int epochDay) {
        put(name, IsoTime.date(epochDay));
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
        Map<String, Object> child = new LinkedHashMap<>();
        put(name, child);
        stack.push(child);
    }

    @Override
    public void endObject() {
        stack.pop();
    }

    @Override
    public void beginList(String name) {
        List<Object> child = new ArrayList<>();
        put(name, child);
        stack.push(child);
    }

    @Override
    public void endList() {
        stack.pop();
    }
}
