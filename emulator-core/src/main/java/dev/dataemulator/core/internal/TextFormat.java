package dev.dataemulator.core.internal;

import dev.dataemulator.core.BatchEncoder;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.FormatProvider;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectWriter;
import dev.dataemulator.core.spi.RecordFormat;
import dev.dataemulator.core.support.SinkConfig;
import java.io.OutputStream;

/** Core's text formats ({@code json}, {@code jsonl}, {@code csv}) as object formats, written by {@link BatchEncoder}. */
public final class TextFormat implements FormatProvider, ObjectFormat {
    private final RecordFormat format;
    private final String extension;

    public TextFormat(RecordFormat format) {
        this(format, format.extension());
    }

    private TextFormat(RecordFormat format, String extension) {
        this.format = format;
        this.extension = extension;
    }

    @Override
    public String name() {
        return extension;
    }

    @Override
    public ObjectFormat configure(SinkConfig config) {
        return this;
    }

    /** @return the text layout it writes */
    public RecordFormat recordFormat() {
        return format;
    }

    @Override
    public String extension() {
        return extension;
    }

    @Override
    public String contentType() {
        return format.contentType();
    }

    /** JSON and JSON Lines encode the record's JSON ahead, outside the object's lock; CSV has nothing to do ahead. */
    @Override
    public void prepare(EmulatedRecord record) {
        BatchEncoder.prepare(format, record);
    }

    /** A single JSON record is a plain document (JSON Lines of one line) rather than a one-element array. */
    @Override
    public ObjectFormat forSingleRecords() {
        return format == RecordFormat.JSON ? new TextFormat(RecordFormat.JSONL, extension) : this;
    }

    @Override
    public ObjectWriter open(OutputStream out, EmulatedRecord first) {
        BatchEncoder encoder = new BatchEncoder(format, out);
        return new ObjectWriter() {
            @Override
            public void add(EmulatedRecord record) {
                encoder.add(record);
            }

            @Override
            public long records() {
                return encoder.records();
            }

            @Override
            public long bytes() {
                return encoder.bytes();
            }

            @Override
            public void finish() {
                encoder.finish();
            }
        };
    }

    @Override
    public String toString() {
        return extension;
    }
}
