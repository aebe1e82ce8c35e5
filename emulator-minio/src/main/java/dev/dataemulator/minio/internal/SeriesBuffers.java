package dev.dataemulator.minio.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectKeys;
import dev.dataemulator.core.spi.ObjectSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Buffers records into batches: in grouped and chunked mode one open batch per series and partition value
 * ({@code partition_by}), kept by core's {@link ObjectSeries} (each series under its own lock, at most
 * {@code max_open_partitions} open, a batch that is complete handed on outside the lock, so no lock is held while the
 * consumer blocks on an upload slot); in single mode one batch per record.
 *
 * <p>Thread-safe.
 */
final class SeriesBuffers {
    /** A single record's buffer to start with; it grows for larger records. */
    private static final int SINGLE_START = 1024;

    /** Largest {@code max_chunk_size} whose chunks get pooled arrays of their full size. */
    static final long POOLED_CHUNK_LIMIT = 64L * 1024 * 1024;
    /** First size of a partitioned chunk's buffer: many may be open at once, most of them far from full. */
    static final long PARTITION_CHUNK_START = 64L * 1024;
    private final MinioSettings settings;
    private final ObjectKeys keys;
    private final ObjectFormat singleFormat;
    private final ObjectSeries<Batch> series;
    private final BufferPool chunks;

    SeriesBuffers(MinioSettings settings) {
        this.settings = settings;
        this.keys = new ObjectKeys(settings.prefix(), settings.format().extension(), settings.gzip());
        this.singleFormat = settings.format().forSingleRecords();
        // formats that encode while records are added: each producing thread fills its own chunks
        boolean lanes = settings.syncType() == SyncType.CHUNKED && settings.format().encodesInWriter();
        this.series = new ObjectSeries<>(settings.syncType() == SyncType.CHUNKED ? settings.maxChunkSize()
                : Long.MAX_VALUE, settings.maxOpenPartitions(), lanes, this::open, (batch, cause) -> {
                    // the encoding broke with the records the batch holds: they are lost, and reported so
                    batch.tracker().failed(batch.records(), cause);
                    batch.release();
                });
        // arrays of a full chunk plus room for the record that fills it (a larger record grows that one array);
        // chunks beyond POOLED_CHUNK_LIMIT grow from 1 MiB instead, so that a run with little data does not reserve
        // a huge array per series at once; partitioned chunks (up to max_open_partitions open per series) grow from
        // PARTITION_CHUNK_START for the same reason
        this.chunks = settings.syncType() != SyncType.CHUNKED || settings.maxChunkSize() > POOLED_CHUNK_LIMIT
                || settings.partitionBy() != null ? null
                : new BufferPool((int) settings.maxChunkSize() + 64 * 1024,
                        settings.uploadConcurrency() + settings.uploadQueue() + 1);
    }

    /**
     * Encodes a record into its series' open batch and hands every batch that became complete to {@code ready}.
     *
     * @throws InvalidSettingException when {@code partition_by} or the format does not fit the record's domain
     * @throws SinkException when the record cannot be encoded (nothing was handed on for it)
     */
    void add(String bucket, EmulatedRecord record, Consumer<Batch> ready) {
        try {
            settings.format().prepare(record); // outside the series lock: workers encode in parallel
        } catch (RuntimeException e) {
            throw new SinkException("Record " + record.seq() + " cannot be written as " + settings.format().name()
                    + ": " + e.getMessage(), e);
        }
        String partition = settings.partitionBy() == null ? "" : settings.partitionBy().path(record);
        try {
            if (settings.syncType() == SyncType.SINGLE) {
                ready.accept(single(bucket, partition, record));
            } else {
                series.add(bucket, partition, record, ready);
            }
        } catch (ObjectSeries.BrokenPartException e) {
            throw new SinkException("Buffering record " + record.seq() + " for 's3://" + bucket + "' failed: "
                    + e.getMessage(), e.getCause());
        } catch (IOException | UncheckedIOException e) {
            throw new SinkException("Buffering record " + record.seq() + " for 's3://" + bucket + "' failed: "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SinkException("Record " + record.seq() + " cannot be written as " + settings.format().name()
                    + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new SinkException("The minio sink is closed; record " + record.seq() + " was not taken", e);
        }
    }

    /** Hands every open batch to {@code ready}. */
    void drainAll(Consumer<Batch> ready) {
        series.drainAll(ready);
    }

    /** Refuses later records and hands every open batch to {@code ready}. */
    void close(Consumer<Batch> ready) {
        series.close(ready);
    }

    /** Hands every open batch created at or before {@code createdBy} ({@link System#nanoTime()}) to {@code ready}. */
    void drainCreatedBy(long createdBy, Consumer<Batch> ready) {
        series.drainCreatedBy(createdBy, ready);
    }

    /** Starts handing on chunks older than {@code maxAge} to {@code ready} (chunked mode). */
    ObjectSeries.Ager completeAged(java.time.Duration maxAge, Consumer<Batch> ready, String threadName) {
        return series.completeAged(maxAge, ready, threadName);
    }

    private Batch single(String bucket, String partition, EmulatedRecord record) throws IOException {
        Batch batch = Batch.inMemory(bucket, keys.record(record.domain(), partition, record.emulationId(),
                record.seq()), record, singleFormat, settings.gzip(), SINGLE_START);
        batch.add(record);
        batch.finish();
        return batch;
    }

    private Batch open(String bucket, String partition, EmulatedRecord record, long part) throws IOException {
        String key = keys.part(record.domain(), partition, record.emulationId(), part);
        if (settings.syncType() == SyncType.GROUPED) {
            return Batch.spooled(bucket, key, record, settings.format(), settings.gzip());
        }
        if (chunks != null) {
            return Batch.pooled(bucket, key, record, settings.format(), settings.gzip(), chunks);
        }
        return Batch.inMemory(bucket, key, record, settings.format(), settings.gzip(),
                settings.partitionBy() != null ? PARTITION_CHUNK_START : settings.maxChunkSize() + 1024);
    }
}
