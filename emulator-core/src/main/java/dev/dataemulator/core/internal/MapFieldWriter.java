package dev.dataemulator.core.internal;

import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects a record's fields into ordered maps; for tests, fixtures and tools, not for the hot path. */
public final class MapFieldWriter implements FieldWriter {
    private final Deque<Map<String, Object>> stack = new ArrayDeque<>();

    private MapFieldWriter() {
        stack.push(new LinkedHashMap<>());
    }

    public static Map<String, Object> toMap(RecordData data) {
        MapFieldWriter writer = new MapFieldWriter();
        data.writeFields(writer);
        return writer.stack.getLast();
    }

    @Override
    public void string(String name, String value) {
        stack.peek().put(name, value);
    }

    @Override
    public void integer(String name, long value) {
        stack.peek().put(name, value);
    }

    @Override
    public void floating(String name, double value) {
        stack.peek().put(name, value);
    }

    @Override
    public void bool(String name, boolean value) {
        stack.peek().put(name, value);
    }

    @Override
    public void nullValue(String name) {
        stack.peek().put(name, null);
    }

    @Override
    public void beginObject(String name) {
        Map<String, Object> child = new LinkedHashMap<>();
        stack.peek().put(name, child);
        stack.push(child);
    }

    @Override
    public void endObject() {
        stack.pop();
    }
}
