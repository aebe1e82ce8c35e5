package dev.dataemulator.core.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.FieldWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * A record flattened into CSV columns: the envelope's {@code emulation_id} and {@code timestamp} (when the record has
 * an envelope) followed by the data fields, nested objects as {@code parent.child} ({@code data.} prefixed inside
 * the envelope, as the JSON nests them).
 */
public final class CsvRow implements FieldWriter {
    /** RFC 4180: comma, double-quote quoting where needed, CRLF written by the caller. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("").get();

    private final List<String> names = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private final StringBuilder prefix = new StringBuilder();
    private final List<Integer> prefixLengths = new ArrayList<>();

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
        names.add(prefix.length() == 0 ? name : prefix + name);
        values.add(value);
    }

    @Override
    public void string(String name, String value) {
        add(name, value);
    }

    @Override
    public void integer(String name, long value) {
        add(name, value);
    }

    @Override
    public void floating(String name, double value) {
        // Double.toString switches to exponent notation outside [1e-3, 1e7); CSV readers expect plain digits
        double abs = Math.abs(value);
        boolean plain = abs == 0 || (abs >= 1e-3 && abs < 1e7);
        add(name, plain ? Double.toString(value) : BigDecimal.valueOf(value).toPlainString());
    }

    @Override
    public void bool(String name, boolean value) {
        add(name, value);
    }

    @Override
    public void nullValue(String name) {
        add(name, null);
    }

    @Override
    public void beginObject(String name) {
        prefixLengths.add(prefix.length());
        prefix.append(name).append('.');
    }

    @Override
    public void endObject() {
        prefix.setLength(prefixLengths.remove(prefixLengths.size() - 1));
    }
}
