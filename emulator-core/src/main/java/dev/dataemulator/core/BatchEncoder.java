package dev.dataemulator.core;

import dev.dataemulator.core.internal.CsvRow;
import dev.dataemulator.core.spi.RecordFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes many records into one object in a {@link RecordFormat}: a JSON array, JSON Lines, or CSV with one header.
 * JSON formats reuse each record's {@link EmulatedRecord#json()} bytes; CSV encodes the fields once, with RFC 4180
 * quoting.
 *
 * <p>CSV columns come from the domain's {@link EmulatedRecord#schema() schema} when it declares one: structs flattened
 * as {@code parent.child}, a list as one cell of JSON text, a null (nullable) struct as empty cells; the header is the
 * same whatever the first record holds. A domain without a schema gets the columns of the object's first record, and
 * a later record with other columns is rejected.
 *
 * <p>Not thread-safe: one encoder per object.
 */
public final class BatchEncoder {
    /** The label of a record the faults setting cut ({@code EmulatedRecord#fault()}). */
    private static final String MALFORMED = "malformed";
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LF = {'\n'};
    private static final byte[] OPEN = {'['};
    private static final byte[] COMMA = {','};

    private final RecordFormat format;
    private final OutputStream out;
    private long records;
    private long bytes;
    private List<String> header;
    /** Column positions when the header comes from a schema; {@code null} otherwise. */
    private Map<String, Integer> columnIndex;
    private boolean finished;

    /**
     * @param format the layout
     * @param out where the object's bytes go; not closed by the encoder
     */
    public BatchEncoder(RecordFormat format, OutputStream out) {
        this.format = Objects.requireNonNull(format, "format");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Encodes, on the calling thread, what {@link #add(EmulatedRecord)} will need of the record in {@code format}
     * (its JSON for the JSON formats; nothing for CSV), so that a sink adding records under a lock encodes them
     * before it takes the lock, in parallel, and only copies under it.
     *
     * @param format the layout the record will be added in
     * @param record the record
     */
    public static void prepare(RecordFormat format, EmulatedRecord record) {
        if (format != RecordFormat.CSV) {
            record.json();
        }
    }

    /**
     * Appends one record.
     *
     * @param record the record
     * @return the number of bytes written for it (header and separators included)
     */
    public long add(EmulatedRecord record) {
        if (finished) {
            throw new IllegalStateException("encoder finished");
        }
        long before = bytes;
        switch (format) {
            case JSON -> {
                byte[] json = record.json(); // first: a record that cannot be encoded leaves the object as it was
                write(records == 0 ? OPEN : COMMA);
                write(json);
            }
            case JSONL -> {
                write(record.json());
                write(LF);
            }
            case CSV -> {
                CsvRow row = CsvRow.of(record);
                if (header == null) {
                    header = record.schema().map(schema -> CsvRow.columns(schema, record.envelope()))
                            .orElse(row.names());
                    if (record.schema().isPresent()) {
                        columnIndex = new HashMap<>();
                        for (int i = 0; i < header.size(); i++) {
                            columnIndex.put(header.get(i), i);
                        }
                    }
                    write(CsvRow.line(header).getBytes(StandardCharsets.UTF_8));
                    write(CRLF);
                }
                List<Object> cells = cells(record, row);
                if (record.fault().filter(MALFORMED::equals).isPresent()) {
                    // the faults setting's malformed: the row cut after half its cells, so that a reader finds
                    // too few columns in this row alone (a cut inside a quoted cell would spill into the next)
                    cells = cells.subList(0, cells.size() / 2);
                }
                write(CsvRow.line(cells).getBytes(StandardCharsets.UTF_8));
                write(CRLF);
            }
        }
        records++;
        return bytes - before;
    }

    /**
     * Writes what closes the object (the JSON array's bracket). Empty objects are valid in every format ({@code []}
     * for JSON, an empty body otherwise).
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (format == RecordFormat.JSON) {
            write(records == 0 ? new byte[] {'[', ']'} : new byte[] {']'});
        }
    }

    /** @return records written so far */
    public long records() {
        return records;
    }

    /** @return bytes written so far */
    public long bytes() {
        return bytes;
    }

    private List<Object> cells(EmulatedRecord record, CsvRow row) {
        if (columnIndex == null) {
            if (!header.equals(row.names())) {
                throw new IllegalArgumentException("record " + record.seq() + " of '" + record.domain()
                        + "' has columns " + row.names() + ", expected " + header);
            }
            return row.values();
        }
        Object[] cells = new Object[header.size()];
        List<String> names = row.names();
        for (int i = 0; i < names.size(); i++) {
            Integer at = columnIndex.get(names.get(i));
            if (at != null) {
                cells[at] = row.values().get(i);
            } else if (row.values().get(i) != null || !isStruct(names.get(i))) {
                // a null struct leaves its columns empty; anything else outside the schema is a bug of the domain
                throw new IllegalArgumentException("record " + record.seq() + " of '" + record.domain()
                        + "' writes column '" + names.get(i) + "' that its schema does not have; columns: " + header);
            }
        }
        return Arrays.asList(cells);
    }

    private boolean isStruct(String name) {
        String prefix = name + ".";
        for (String column : header) {
            if (column.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void write(byte[] data) {
        try {
            out.write(data);
            bytes += data.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
