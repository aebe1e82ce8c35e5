package dev.dataemulator.core;

import dev.dataemulator.core.internal.CsvRow;
import dev.dataemulator.core.spi.RecordFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes many records into one object in a {@link RecordFormat}: a JSON array, JSON Lines, or CSV with one header.
 * JSON formats reuse each record's {@link EmulatedRecord#json()} bytes; CSV encodes the fields once, with RFC 4180
 * quoting. Not thread-safe: one encoder per object.
 */
public final class BatchEncoder {
    private static final byte[] CRLF = {'\r', '\n'};

    private final RecordFormat format;
    private final OutputStream out;
    private long records;
    private long bytes;
    private List<String> header;
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
                write(records == 0 ? new byte[] {'['} : new byte[] {','});
                write(record.json());
            }
            case JSONL -> {
                write(record.json());
                write(new byte[] {'\n'});
            }
            case CSV -> {
                CsvRow row = CsvRow.of(record);
                if (header == null) {
                    header = row.names();
                    write(CsvRow.line(header).getBytes(StandardCharsets.UTF_8));
                    write(CRLF);
                } else if (!header.equals(row.names())) {
                    throw new IllegalArgumentException("record " + record.seq() + " of '" + record.domain()
                            + "' has columns " + row.names() + ", expected " + header);
                }
                write(CsvRow.line(row.values()).getBytes(StandardCharsets.UTF_8));
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

    private void write(byte[] data) {
        try {
            out.write(data);
            bytes += data.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
