package dev.dataemulator.core.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.BatchEncoder;
import dev.dataemulator.core.spi.RecordFormat;
import dev.dataemulator.core.spi.SyncProducer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes records to an output stream (standard output for the {@code stdout} sink) in one {@link RecordFormat}:
 * JSON Lines by default, CSV with one header, or one JSON array closed on {@link #close()}. Each record is counted
 * delivered once written to the buffer; {@link #flush()} pushes the buffer out. The stream itself is never closed.
 * Thread-safe (records from several workers are written whole, one after another). Not API.
 */
public final class StreamSink implements SyncProducer {
    private final OutputStream out;
    private final BatchEncoder encoder;
    private final TextFormat format;
    private boolean closed;

    /**
     * @param out where records go; flushed, never closed
     * @param format the layout
     */
    public StreamSink(OutputStream out, RecordFormat format) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.encoder = new BatchEncoder(format, this.out);
        this.format = new TextFormat(format);
    }

    @Override
    public void setupResource(String resource) {
        // a stream has no resources to create
    }

    @Override
    public void produce(String resource, String key, EmulatedRecord record) {
        format.prepare(record); // before the lock: workers encode in parallel, then write in turn
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
