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
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Buffers records into batches, one open batch per series (bucket, emulation, domain) and partition value
 * ({@code partition_by}), each series under its own lock. At most {@code max_open_partitions} batches are open per
 * series: past it the one opened first is complete. A batch that is complete (a full chunk, a single record, an
 * evicted partition, or everything at a flush) leaves its series and is handed to a consumer outside the lock, so no
 * lock is held while the consumer blocks on an upload slot.
 *
 * <p>Thread-safe.
 */
final class SeriesBuffers {
    private final MinioSettings settings;
    private final ObjectKeys keys;
    private final ObjectFormat singleFormat;
    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();

    SeriesBuffers(MinioSettings settings) {
        this.settings = settings;
        this.keys = new ObjectKeys(settings.prefix(), settings.format().extension(), settings.gzip());
        this.singleFormat = settings.format().forSingleRecords();
    }

    /**
     * Encodes a record into its series' open batch and hands every batch that became complete to {@code ready}.
     *
     * @throws InvalidSettingException when {@code partition_by} or the format does not fit the record's domain
     * @throws SinkException when the record cannot be encoded (nothing was handed on for it)
     */
    void add(String bucket, EmulatedRecord record, Consumer<Batch> ready) {
        String partition = settings.partitionBy() == null ? "" : settings.partitionBy().path(record);
        Series s = series.computeIfAbsent(new SeriesKey(bucket, record.emulationId(), record.domain()),
                key -> new Series());
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
                        batch = open(bucket, partition, record, s.nextPart++);
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
                record.seq()), record, singleFormat, settings.gzip(), record.json().length + 64);
        batch.add(record);
        batch.finish();
        return batch;
    }

    private Batch open(String bucket, String partition, EmulatedRecord record, long part) throws IOException {
        String key = keys.part(record.domain(), partition, record.emulationId(), part);
        return settings.syncType() == SyncType.GROUPED
                ? Batch.spooled(bucket, key, record, settings.format(), settings.gzip())
                : Batch.inMemory(bucket, key, record, settings.format(), settings.gzip(),
                        settings.maxChunkSize() + 1024);
    }

    private record SeriesKey(String bucket, String emulationId, String domain) {
    }

    /** The objects of one emulation in one bucket; its monitor guards both fields. */
    private static final class Series {
        /** Open batches by partition path, the one opened first first. */
        final LinkedHashMap<String, Batch> open = new LinkedHashMap<>();
        long nextPart;
    }
}
