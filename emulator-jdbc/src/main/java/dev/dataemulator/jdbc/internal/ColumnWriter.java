package dev.dataemulator.jdbc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.dataemulator.core.spi.FieldWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Receives a record's fields and hands each top-level value to its subclass as a column value; a struct or list
 * field becomes one JSON text column, written the way the emulator's JSON encoding writes values (exact decimals,
 * ISO-8601 instants and dates). One instance per thread.
 */
abstract class ColumnWriter implements FieldWriter {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private int depth;
    private String nestedName;
    private StringWriter nestedText;
    private JsonGenerator nested;

    /** Forgets a record left half-written by a failure. */
    final void reset() {
        depth = 0;
        nested = null;
        nestedText = null;
    }

    abstract void text(String name, String value);

    abstract void number(String name, long value);

    abstract void real(String name, double value);

    abstract void decimalValue(String name, long unscaled, int scale);

    abstract void instant(String name, long epochMicros);

    abstract void day(String name, int epochDay);

    abstract void truth(String name, boolean value);

    abstract void absent(String name);

    /** A struct or list column, as JSON text. */
    abstract void json(String name, String json);

    @Override
    public final void string(String name, String value) {
        if (depth == 0) {
            if (value == null) {
                absent(name);
            } else {
                text(name, value);
            }
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
    public final void integer(String name, long value) {
        if (depth == 0) {
            number(name, value);
        } else {
            json(g -> {
                name(g, name);
                g.writeNumber(value);
            });
        }
    }

    @Override
    public final void floating(String name, double value) {
        if (depth == 0) {
            real(name, value);
        } else {
            json(g -> {
                name(g, name);
                g.writeNumber(value);
            });
        }
    }

    @Override
    public final void decimal(String name, long unscaled, int scale) {
        if (depth == 0) {
            decimalValue(name, unscaled, scale);
        } else {
            json(g -> {
                name(g, name);
                g.writeNumber(BigDecimal.valueOf(unscaled, scale));
            });
        }
    }

    @Override
    public final void timestamp(String name, long epochMicros) {
        if (depth == 0) {
            instant(name, epochMicros);
        } else {
            json(g -> {
                name(g, name);
                g.writeString(toInstant(epochMicros).toString());
            });
        }
    }

    @Override
    public final void date(String name, int epochDay) {
        if (depth == 0) {
            day(name, epochDay);
        } else {
            json(g -> {
                name(g, name);
                g.writeString(LocalDate.ofEpochDay(epochDay).toString());
            });
        }
    }

    @Override
    public final void bool(String name, boolean value) {
        if (depth == 0) {
            truth(name, value);
        } else {
            json(g -> {
                name(g, name);
                g.writeBoolean(value);
            });
        }
    }

    @Override
    public final void nullValue(String name) {
        if (depth == 0) {
            absent(name);
        } else {
            json(g -> {
                name(g, name);
                g.writeNull();
            });
        }
    }

    @Override
    public final void beginObject(String name) {
        open(name, false);
    }

    @Override
    public final void endObject() {
        close(false);
    }

    @Override
    public final void beginList(String name) {
        open(name, true);
    }

    @Override
    public final void endList() {
        close(true);
    }

    static Instant toInstant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1000L);
    }

    private void open(String name, boolean list) {
        if (depth == 0) {
            nestedName = name;
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
            String text = nestedText.toString();
            nested = null;
            nestedText = null;
            json(nestedName, text);
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
