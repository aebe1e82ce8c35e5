package dev.dataemulator.minio.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Buffers records into batches, one open batch per series (bucket, emulation, domain; and producing thread, in
 * chunked mode with a format that encodes while records are added, such as Parquet) and partition value
 * ({@code partition_by}), each series under its own lock. At most {@code max_open_partitions} batches are open per
 * series: past it the one opened first is complete. A batch that is complete (a full chunk, a single record, an
 * evicted partition, or everything at a flush) leaves its series and is handed to a consumer outside the lock, so no
 * lock is held while the consumer blocks on an upload slot.
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
    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();
    private final Map<SeriesKey, AtomicLong> partNumbers = new ConcurrentHashMap<>();
    private final boolean lanes;
    private final BufferPool chunks;

    SeriesBuffers(MinioSettings settings) {
        this.settings = settings;
        this.keys = new ObjectKeys(settings.prefix(), settings.format().extension(), settings.gzip());
        this.singleFormat = settings.format().forSingleRecords();
        // formats that encode while records are added: each producing thread fills its own chunks
        this.lanes = settings.syncType() == SyncType.CHUNKED && settings.format().encodesInWriter();
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
        SeriesKey emulation = new SeriesKey(bucket, record.emulationId(), record.domain(), 0);
        Series s = series.computeIfAbsent(lanes ? emulation.lane(Thread.currentThread().getId()) : emulation,
                key -> new Series(partNumbers.computeIfAbsent(emulation, k -> new AtomicLong())));
        List<Batch> complete = new ArrayList<>(2);
        RuntimeException failure = null;
        synchronized (s) {
            Batch batch = null;
            try {
                if (settings.syncType() == SyncType.SINGLE) {
                    complete.add(single(bucket, partition, record));
                } else {
                    batch = s.open.get(partition);
                    if (batch != null && batch.tracker != record.tracker()) {
                        // a second run under the same emulation id: never mix two trackers in one object
                        complete.add(s.open.remove(partition));
                        batch = null;
                    }
                    if (batch == null) {
                        if (s.open.size() >= settings.maxOpenPartitions()) {
                            Iterator<Batch> oldest = s.open.values().iterator();
                            complete.add(oldest.next());
                            oldest.remove();
                        }
                        batch = open(bucket, partition, record, s.nextPart.getAndIncrement());
                        s.open.put(partition, batch);
                    }
                    batch.add(record);
                    if (settings.syncType() == SyncType.CHUNKED
                            && batch.encodedBytes() >= settings.maxChunkSize()) {
                        complete.add(s.open.remove(partition));
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                if (batch != null && s.open.remove(partition, batch)) {
                    // the encoding broke with the records it holds: they are lost, and reported so
                    batch.tracker.failed(batch.records(), e);
                    batch.release();
                }
                failure = new SinkException("Buffering record " + record.seq() + " for 's3://" + bucket
                        + "' failed: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                failure = new SinkException("Record " + record.seq() + " cannot be written as "
                        + settings.format().name() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        // outside the lock: handing on may block on an upload slot
        complete.forEach(ready);
        if (failure != null) {
            throw failure;
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
            List<Batch> batches = new ArrayList<>();
            synchronized (s) {
                Iterator<Batch> it = s.open.values().iterator();
                while (it.hasNext()) {
                    Batch batch = it.next();
                    if (due.test(batch)) {
                        batches.add(batch);
                        it.remove();
                    }
                }
            }
            batches.forEach(ready);
        }
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

    /** An emulation's objects in one bucket; {@code lane} tells apart the producing threads' chunks (else 0). */
    private record SeriesKey(String bucket, String emulationId, String domain, long lane) {
        SeriesKey lane(long thread) {
            return new SeriesKey(bucket, emulationId, domain, thread);
        }
    }

    /** The open objects of one series; its monitor guards {@link #open}. */
    private static final class Series {
        /** Open batches by partition path, the one opened first first. */
        final LinkedHashMap<String, Batch> open = new LinkedHashMap<>();
        /** Part numbers, shared by the lanes of an emulation so that names never collide. */
        final AtomicLong nextPart;

        Series(AtomicLong nextPart) {
            this.nextPart = nextPart;
        }
    }
}
