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
