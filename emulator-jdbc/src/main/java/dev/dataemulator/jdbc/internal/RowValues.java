package dev.dataemulator.jdbc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one record's top-level fields into an array of column values, in the schema's order: {@code String} (text,
 * UUIDs, and structs and lists as JSON text), {@code Long}, {@code Double}, {@code BigDecimal}, {@code Boolean},
 * {@code Instant}, {@code LocalDate} or {@code null}. Nested values are written as JSON the way the emulator's JSON
 * encoding writes them (exact decimals, ISO-8601 instants and dates). One instance per thread.
 */
final class RowValues implements FieldWriter {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final Map<String, Integer> positions = new HashMap<>();
    private final int size;
    private Object[] row;
    private int depth;
    private int nestedColumn;
    private StringWriter nestedText;
    private JsonGenerator nested;

    /**
     * @param columns the top-level fields that become columns, in column order; other fields are skipped
     */
    RowValues(List<RecordSchema.Field> columns) {
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i).name(), i);
        }
        this.size = columns.size();
    }

    /** @return the values of {@code data}'s columns, a new array */
    Object[] read(RecordData data) {
        row = new Object[size];
        depth = 0;
        data.writeFields(this);
        Object[] result = row;
        row = null;
        return result;
    }

    private void top(String name, Object value) {
        Integer position = positions.get(name);
        if (position != null) {
            row[position] = value;
        }
    }

    @Override
    public void string(String name, String value) {
        if (depth == 0) {
            top(name, value);
        } else {
            json(g -> {
                name(g, name);
                if (value == null) {
                    g.writeNull();
                } else {
                    g.writeString(value);
                }
            });
        }
    }

    @Override
    public void integer(String name, long value) {
        if (depth == 0) {
            top(name, value);
        } else {
            json(g -> {
                name(g, name);
                g.writeNumber(value);
            });
        }
    }

    @Override
    public void floating(String name, double value) {
        if (depth == 0) {
            top(name, value);
        } else {
            json(g -> {
                name(g, name);
                g.writeNumber(value);
            });
        }
    }

    @Override
    public void decimal(String name, long unscaled, int scale) {
        BigDecimal value = BigDecimal.valueOf(unscaled, scale);
        if (depth == 0) {
            top(name, value);
        } else {
            json(g -> {
                name(g, name);
                g.writeNumber(value);
            });
        }
    }

    @Override
    public void timestamp(String name, long epochMicros) {
        Instant value = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1000L);
        if (depth == 0) {
            top(name, value);
        } else {
            json(g -> {
                name(g, name);
                g.writeString(value.toString());
            });
        }
    }

    @Override
    public void date(String name, int epochDay) {
        LocalDate value = LocalDate.ofEpochDay(epochDay);
        if (depth == 0) {
            top(name, value);
        } else {
            json(g -> {
                name(g, name);
                g.writeString(value.toString());
            });
        }
    }

    @Override
    public void bool(String name, boolean value) {
        if (depth == 0) {
            top(name, value);
        } else {
            json(g -> {
                name(g, name);
                g.writeBoolean(value);
            });
        }
    }

    @Override
    public void nullValue(String name) {
        if (depth == 0) {
            top(name, null);
        } else {
            json(g -> {
                name(g, name);
                g.writeNull();
            });
        }
    }

    @Override
    public void beginObject(String name) {
        open(name, false);
    }

    @Override
    public void endObject() {
        close(false);
    }

    @Override
    public void beginList(String name) {
        open(name, true);
    }

    @Override
    public void endList() {
        close(true);
    }

    private void open(String name, boolean list) {
        if (depth == 0) {
            Integer position = positions.get(name);
            nestedColumn = position == null ? -1 : position;
            nestedText = new StringWriter();
            try {
                nested = JSON.createGenerator(nestedText);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        depth++;
        json(g -> {
            if (depth > 1) {
                name(g, name);
            }
            if (list) {
                g.writeStartArray();
            } else {
                g.writeStartObject();
            }
        });
    }

    private void close(boolean list) {
        json(g -> {
            if (list) {
                g.writeEndArray();
            } else {
                g.writeEndObject();
            }
        });
        depth--;
        if (depth == 0) {
            try {
                nested.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (nestedColumn >= 0) {
                row[nestedColumn] = nestedText.toString();
            }
            nested = null;
            nestedText = null;
        }
    }

    private static void name(JsonGenerator g, String name) throws IOException {
        if (name != null && g.getOutputContext().inObject()) {
            g.writeFieldName(name);
        }
    }

    private void json(JsonStep step) {
        try {
            step.write(nested);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface JsonStep {
        void write(JsonGenerator generator) throws IOException;
    }
}
