package dev.dataemulator.core.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * A record flattened into CSV columns: the envelope's {@code emulation_id} and {@code timestamp} (when the record has
 * an envelope) followed by the data fields, nested objects as {@code parent.child} ({@code data.} prefixed inside
 * the envelope, as the JSON nests them). A null struct is one cell named after the struct; {@link #columns} places
 * it. Decimals are plain digits with their scale, timestamps and dates in
 * {@link IsoTime}'s forms, lists one cell of JSON text.
 */
public final class CsvRow implements FieldWriter {
    /** RFC 4180: comma, double-quote quoting where needed, CRLF written by the caller. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("").get();

    private final List<String> names = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private final StringBuilder prefix = new StringBuilder();
    private final List<Integer> prefixLengths = new ArrayList<>();
    /** Lists are one cell of JSON text: while one is open every call goes to this encoder. */
    private JsonEncoder list;
    private int listDepth;
    private String listName;

    public static CsvRow of(EmulatedRecord record) {
        CsvRow row = new CsvRow();
        if (record.envelope()) {
            row.string("emulation_id", record.emulationId());
            row.integer("timestamp", record.timestamp());
            row.beginObject("data");
            record.data().writeFields(row);
            row.endObject();
        } else {
            record.data().writeFields(row);
        }
        return row;
    }

    /**
     * @return the columns of records of {@code schema}: structs flattened as {@code parent.child}, a list one column,
     *     inside the envelope's {@code emulation_id} and {@code timestamp} and {@code data.}-prefixed when
     *     {@code envelope}
     */
    public static List<String> columns(RecordSchema schema, boolean envelope) {
        List<String> columns = new ArrayList<>();
        if (envelope) {
            columns.add("emulation_id");
            columns.add("timestamp");
        }
        flatten(schema, envelope ? "data." : "", columns);
        return List.copyOf(columns);
    }

    private static void flatten(RecordSchema schema, String prefix, List<String> columns) {
        for (RecordSchema.Field field : schema.fields()) {
            if (field.type().kind() == FieldType.Kind.STRUCT) {
                flatten(field.type().fields(), prefix + field.name() + ".", columns);
            } else {
                columns.add(prefix + field.name());
            }
        }
    }

    /** @return one CSV line (no line break) with RFC 4180 quoting */
    public static String line(List<?> cells) {
        StringBuilder out = new StringBuilder(cells.size() * 16);
        try {
            FORMAT.printRecord(out, cells.toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public List<String> names() {
        return names;
    }

    public List<Object> values() {
        return values;
    }

    private void add(String name, Object value) {
        if (listDepth > 0) {
            throw new IllegalStateException("CSV list element written as a column");
        }
        names.add(prefix.length() == 0 ? name : prefix + name);
        values.add(value);
    }

    @Override
    public void string(String name, String value) {
        if (listDepth > 0) {
            list.string(name, value);
            return;
        }
        add(name, value);
    }

    @Override
    public void integer(String name, long value) {
        if (listDepth > 0) {
            list.integer(name, value);
            return;
        }
        add(name, value);
    }

    @Override
    public void decimal(String name, long unscaled, int scale) {
        if (listDepth > 0) {
            list.decimal(name, unscaled, scale);
            return;
        }
        add(name, BigDecimal.valueOf(unscaled, scale).toPlainString());
    }

    @Override
    public void timestamp(String name, long epochMicros) {
        if (listDepth > 0) {
            list.timestamp(name, epochMicros);
            return;
        }
        add(name, IsoTime.timestamp(epochMicros));
    }

    @Override
    public void date(String name, int epochDay) {
        if (listDepth > 0) {
            list.date(name, epochDay);
            return;
        }
        add(name, IsoTime.date(epochDay));
    }

    @Override
    public void beginList(String name) {
        if (listDepth == 0) {
            if (list == null) {
                // the thread's encoder: free while a row is built, and not made anew for every record
                list = JsonEncoder.forCurrentThread();
            }
            list.startFragment();
            listName = name;
            list.beginList(null);
        } else {
            list.beginList(name);
        }
        listDepth++;
    }

    @Override
    public void endList() {
        if (listDepth == 0) {
            throw new IllegalStateException("endList without beginList");
        }
        list.endList();
        if (--listDepth == 0) {
            add(listName, list.fragment());
        }
    }

    @Override
    public void floating(String name, double value) {
        if (listDepth > 0) {
            list.floating(name, value);
            return;
        }
        // Double.toString switches to exponent notation outside [1e-3, 1e7); CSV readers expect plain digits
        double abs = Math.abs(value);
        boolean plain = abs == 0 || (abs >= 1e-3 && abs < 1e7);
        add(name, plain ? Double.toString(value) : BigDecimal.valueOf(value).toPlainString());
    }

    @Override
    public void bool(String name, boolean value) {
        if (listDepth > 0) {
            list.bool(name, value);
            return;
        }
        add(name, value);
    }

    @Override
    public void nullValue(String name) {
        if (listDepth > 0) {
            list.nullValue(name);
            return;
        }
        add(name, null);
    }

    @Override
    public void beginObject(String name) {
        if (listDepth > 0) {
            list.beginObject(name);
            return;
        }
        prefixLengths.add(prefix.length());
        prefix.append(name).append('.');
    }

    @Override
    public void endObject() {
        if (listDepth > 0) {
            list.endObject();
            return;
        }
        prefix.setLength(prefixLengths.remove(prefixLengths.size() - 1));
    }
}
