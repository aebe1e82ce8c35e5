package dev.dataemulator.core.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes records as UTF-8 JSON straight from their fields with Jackson's streaming generator (no intermediate map).
 * One instance per worker thread: it reuses its output buffer.
 */
public final class JsonEncoder {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);

    /**
     * @param envelope wrap as {@code {"emulation_id", "timestamp", "data"}}
     * @return the encoded bytes (a new array)
     */
    public byte[] encode(String emulationId, long timestamp, boolean envelope, RecordData data) {
        buffer.reset();
        try (JsonGenerator generator = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
            if (envelope) {
                generator.writeStartObject();
                generator.writeStringField("emulation_id", emulationId);
                generator.writeNumberField("timestamp", timestamp);
                generator.writeFieldName("data");
            }
            generator.writeStartObject();
            data.writeFields(new Fields(generator));
            generator.writeEndObject();
            if (envelope) {
                generator.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private record Fields(JsonGenerator generator) implements FieldWriter {
        @Override
        public void string(String name, String value) {
            try {
                generator.writeFieldName(name);
                if (value == null) {
                    generator.writeNull();
                } else {
                    generator.writeString(value);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void integer(String name, long value) {
            try {
                generator.writeNumberField(name, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void decimal(String name, double value) {
            try {
                generator.writeNumberField(name, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void bool(String name, boolean value) {
            try {
                generator.writeBooleanField(name, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void nullValue(String name) {
            try {
                generator.writeNullField(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void beginObject(String name) {
            try {
                generator.writeObjectFieldStart(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void endObject() {
            try {
                generator.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
