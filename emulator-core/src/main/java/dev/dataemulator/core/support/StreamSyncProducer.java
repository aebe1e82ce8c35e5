package dev.dataemulator.core.support;

import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.core.spi.RecordFormat;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.BatchEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A sink writing records to an output stream in one {@link RecordFormat}: JSON Lines, CSV with one header, or one
 * JSON array closed on {@link #close()}. The {@code stdout} sink is one over standard output; an application passes
 * its own instance to {@code EmulationSpec.Builder#sink(SyncProducer)} to write records anywhere else (a file, a
 * socket, a test's buffer), and closes it after the emulation. Each record is counted delivered once written to the
 * buffer; {@link #flush()} pushes the buffer out. The stream itself is never closed. Thread-safe: records from
 * several workers are written whole, one after another, each encoded on its worker's thread first.
 */
public final class StreamSyncProducer implements SyncProducer {
    private final OutputStream out;
    private final BatchEncoder encoder;
    private final RecordFormat format;
    private boolean closed;

    /**
     * @param out where records go; flushed, never closed
     * @param format the layout
     */
    public StreamSyncProducer(OutputStream out, RecordFormat format) {
        this.out = new BufferedOutputStream(java.util.Objects.requireNonNull(out, "out"), 64 * 1024);
        this.encoder = new BatchEncoder(format, this.out);
        this.format = format;
    }

    @Override
    public void setupResource(String resource) {
        // a stream has no resources to create
    }

    /**
     * @return {@code <resource>_faults}, whose labels are JSON lines among the records' lines
     * @throws dev.dataemulator.core.InvalidSettingException naming {@code fault_labels} when the stream is one CSV
     *     or JSON document, which lines of another shape would break
     */
    @Override
    public String labelResource(String resource) {
        if (format != RecordFormat.JSONL) {
            throw new dev.dataemulator.core.InvalidSettingException("fault_labels", "true", "the stream holds one "
                    + format.name().toLowerCase(java.util.Locale.ROOT) + " document, which the labels' JSON lines "
                    + "would break; write JSON Lines (format_type=jsonl) or set fault_labels=false");
        }
        return resource + "_faults";
    }

    @Override
    public void produce(String resource, String key, EmulatedRecord record) {
        BatchEncoder.prepare(format, record); // before the lock: workers encode in parallel, then write in turn
        long bytes;
        synchronized (this) {
            try {
                bytes = encoder.add(record);
            } catch (UncheckedIOException e) {
                throw new SinkException("Writing record " + record.seq() + " failed: " + e.getCause(), e);
            }
        }
        record.tracker().encoded(bytes);
        record.tracker().delivered(1);
    }

    @Override
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new SinkException("Flushing the output failed: " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            encoder.finish();
            flush();
        }
    }
}
