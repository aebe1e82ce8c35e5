package dev.dataemulator.minio.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.RecordFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Buffers records into batches, one open batch per series (bucket, emulation, domain), each under that series' own
 * lock. A batch that is complete (a full chunk, a single record, or everything at a flush) leaves its series and is
 * handed to a consumer outside the lock, so no lock is held while the consumer blocks on an upload slot.
 *
 * <p>Thread-safe.
 */
final class SeriesBuffers {
    /** Largest {@code max_chunk_size} whose chunks get pooled arrays of their full size. */
    static final long POOLED_CHUNK_LIMIT = 64L * 1024 * 1024;
    private final MinioSettings settings;
    private final ObjectNames names;
    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();
    private final BufferPool chunks;

    SeriesBuffers(MinioSettings settings) {
        this.settings = settings;
        this.names = new ObjectNames(settings.prefix(), settings.format(), settings.gzip());
        // arrays of a full chunk plus room for the record that fills it (a larger record grows that one array);
        // chunks beyond POOLED_CHUNK_LIMIT grow from 1 MiB instead, so that a run with little data does not reserve
        // a huge array per series at once
        this.chunks = settings.syncType() != SyncType.CHUNKED || settings.maxChunkSize() > POOLED_CHUNK_LIMIT ? null
                : new BufferPool((int) settings.maxChunkSize() + 64 * 1024,
                        settings.uploadConcurrency() + settings.uploadQueue() + 1);
    }

    /**
     * Encodes a record into its series' open batch and hands every batch that became complete to {@code ready}.
     *
     * @throws SinkException when the record cannot be encoded (nothing was handed on for it)
     */
    void add(String bucket, EmulatedRecord record, Consumer<Batch> ready) {
        Series s = series.computeIfAbsent(new SeriesKey(bucket, record.emulationId(), record.domain()),
                key -> new Series());
        Batch full = null;
        Batch previous = null;
        synchronized (s) {
            try {
                if (settings.syncType() == SyncType.SINGLE) {
                    full = single(bucket, record);
                } else {
                    if (s.open != null && s.open.tracker != record.tracker()) {
                        // a second run under the same emulation id: never mix two trackers in one object
                        previous = s.detach();
                    }
                    if (s.open == null) {
                        s.open = open(bucket, record, s.nextPart++);
                    }
                    s.open.add(record);
                    if (settings.syncType() == SyncType.CHUNKED
                            && s.open.encodedBytes() >= settings.maxChunkSize()) {
                        full = s.detach();
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                throw new SinkException("Buffering record " + record.seq() + " for 's3://" + bucket + "' failed: "
                        + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new SinkException("Record " + record.seq() + " cannot be written as "
                        + settings.format().extension() + ": " + e.getMessage(), e);
            }
        }
        if (previous != null) {
            ready.accept(previous);
        }
        if (full != null) {
            ready.accept(full);
        }
    }

    /** Hands every open batch to {@code ready}. */
    void drainAll(Consumer<Batch> ready) {
        drain(batch -> true, ready);
    }

    /** Hands every open batch created at or before {@code createdBy} ({@link System#nanoTime()}) to {@code ready}. */
    void drainCreatedBy(long createdBy, Consumer<Batch> ready) {
        drain(batch -> batch.createdNanos - createdBy <= 0, ready);
    }

    private void drain(Predicate<Batch> due, Consumer<Batch> ready) {
        for (Series s : series.values()) {
            Batch batch = null;
            synchronized (s) {
                if (s.open != null && due.test(s.open)) {
                    batch = s.detach();
                }
            }
            if (batch != null) {
                ready.accept(batch);
            }
        }
    }

    private Batch single(String bucket, EmulatedRecord record) throws IOException {
        RecordFormat format = settings.format() == RecordFormat.JSON ? RecordFormat.JSONL : settings.format();
        Batch batch = Batch.inMemory(bucket, names.record(record.domain(), record.emulationId(), record.seq()),
                record.tracker(), format, settings.gzip(), record.json().length + 64);
        batch.add(record);
        batch.finish();
        return batch;
    }

    private Batch open(String bucket, EmulatedRecord record, long part) throws IOException {
        String key = names.part(record.domain(), record.emulationId(), part);
        if (settings.syncType() == SyncType.GROUPED) {
            return Batch.spooled(bucket, key, record.tracker(), settings.format(), settings.gzip());
        }
        if (chunks != null) {
            return Batch.pooled(bucket, key, record.tracker(), settings.format(), settings.gzip(), chunks);
        }
        return Batch.inMemory(bucket, key, record.tracker(), settings.format(), settings.gzip(),
                settings.maxChunkSize() + 1024);
    }

    private record SeriesKey(String bucket, String emulationId, String domain) {
    }

    /** The objects of one emulation in one bucket; its monitor guards {@link #open} and {@link #nextPart}. */
    private static final class Series {
        Batch open;
        long nextPart;

        Batch detach() {
            Batch batch = open;
            open = null;
            return batch;
        }
    }
}
