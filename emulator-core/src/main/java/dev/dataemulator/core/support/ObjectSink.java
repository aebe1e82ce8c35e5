package dev.dataemulator.core.support;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectStore;
import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.core.spi.ResumePoint;
import dev.dataemulator.core.spi.ResumeRequest;
import dev.dataemulator.core.spi.SyncProducer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one object-sink engine: records into objects of an {@link ObjectStore} (the {@code minio} and {@code file}
 * sinks, and any store a plug-in adds). It owns everything but the store: the modes ({@code sync_type}: an object
 * per record, per emulation and partition, or chunks by size), the formats ({@code format_type} through
 * {@link FormatRegistry}), partitioning ({@link PartitionTemplate}), the names ({@link ObjectKeys}), the open objects
 * ({@link ObjectSeries}: one per partition, at most {@code max_open_partitions} and {@code max_open_bytes}), chunk
 * ageing ({@code chunk_max_age}), the bounded pool of puts with their retries, and the accounting: every record taken
 * is reported to its run's tracker exactly once, delivered when its object is stored, or failed. The shared settings
 * are {@link ObjectSinkSettings#KEYS}; a store reads only its own.
 *
 * <p>Objects closed long before they reach {@code max_chunk_size} (too many partitions open, chunks aged out) are
 * logged once per sink as a warning naming the setting to change.
 *
 * <p>No lock is held during a put or while waiting for a put slot. Thread-safe; one instance may serve several
 * emulations at once.
 */
public final class ObjectSink implements SyncProducer {
    /** A single record's buffer to start with; it grows for larger records. */
    private static final int SINGLE_START = 1024;
    /** Largest {@code max_chunk_size} whose chunks get pooled arrays of their full size. */
    static final long POOLED_CHUNK_LIMIT = 64L * 1024 * 1024;
    /** First size of a partitioned chunk's buffer: many may be open at once, most of them far from full. */
    static final long PARTITION_CHUNK_START = 64L * 1024;
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** What {@link #labelResource} adds to a container; records produced there are written unpartitioned. */
    private static final String LABELS = "#faults";

    private final String sink;
    private final ObjectSinkSettings settings;
    private final ObjectStore store;
    private final ObjectKeys keys;
    private final ObjectFormat singleFormat;
    private final ObjectSeries<Batch> series;
    private final BufferPool chunks;
    private final UploadPool uploads;
    private final ObjectSeries.Ager ager;

    /** @return the format's name when it encodes records itself (Parquet, Avro): its values are typed */
    @Override
    public java.util.Optional<String> typedFormat() {
        return settings.format().encodesInWriter() ? java.util.Optional.of(settings.format().name())
                : java.util.Optional.empty();
    }
    private final SmallObjects smallObjects;
    private final LaneCheckpoints checkpoints;
    /** The settings a resumed emulation must keep: the sink's, but the store's own and how it uploads. */
    private final Map<String, String> resumeSettings;
    private volatile boolean closed;

    /**
     * @param sink the sink's name, in messages
     * @param settings the shared settings
     * @param store where finished objects go; closed by {@link #close()}
     * @param ticker the clock of chunk ageing and put retries, in nanoseconds ({@code System::nanoTime})
     */
    public ObjectSink(String sink, ObjectSinkSettings settings, ObjectStore store, LongSupplier ticker) {
        this(sink, settings, store, ticker, contentSettings(settings));
    }

    private ObjectSink(String sink, ObjectSinkSettings settings, ObjectStore store, LongSupplier ticker,
            Map<String, String> resumeSettings) {
        this.resumeSettings = Map.copyOf(resumeSettings);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.keys = new ObjectKeys(settings.prefix(), settings.format().extension(), settings.gzip());
        this.singleFormat = settings.format().forSingleRecords();
        boolean chunked = settings.syncType() == SyncType.CHUNKED;
        // formats that encode while records are added: without partitions each producing thread fills its own
        // chunks; with partitions the threads share one object per partition (each under its own lock), so that a
        // partition gets one object at a time, not one per thread
        boolean lanes = chunked && settings.format().encodesInWriter() && settings.partitionBy() == null;
        this.series = new ObjectSeries<>(chunked ? settings.maxChunkSize() : Long.MAX_VALUE,
                settings.maxOpenPartitions(), settings.maxOpenBytes(), lanes, ticker, this::open, (batch, cause) -> {
                    // the encoding broke with the records the batch holds: they are lost, and reported so
                    batch.tracker().failed(batch.records(), cause);
                    batch.release();
                });
        // arrays of a full chunk plus room for the record that fills it (a larger record grows that one array);
        // chunks beyond POOLED_CHUNK_LIMIT grow from 1 MiB instead, so that a run with little data does not reserve
        // a huge array per series at once; partitioned chunks grow from PARTITION_CHUNK_START for the same reason
        this.chunks = !chunked || settings.maxChunkSize() > POOLED_CHUNK_LIMIT || settings.partitionBy() != null
                ? null
                : new BufferPool((int) settings.maxChunkSize() + 64 * 1024,
                        settings.uploadConcurrency() + settings.uploadQueue() + 1);
        String threads = "emulator-" + sink + "-" + INSTANCES.incrementAndGet();
        this.checkpoints = new LaneCheckpoints(sink, store, keys);
        this.uploads = new UploadPool(settings, new UploadRetry(store, settings, store.toString(), ticker),
                store.toString(), threads, checkpoints::stored);
        this.ager = chunked ? series.completeAged(settings.chunkMaxAge(), this::completed, threads + "-ager") : null;
        this.smallObjects = new SmallObjects(sink, settings);
    }

    /**
     * Reads the shared settings and the store's own from one map, reporting every problem of both at once, then
     * builds the store and the sink.
     *
     * @param store the store's settings and constructor
     * @param config the sink's settings
     * @return a new sink, owned by the caller; formats are found with {@link FormatRegistry#discover()}
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad key and value
     */
    public static ObjectSink create(ObjectStore.Factory store, Map<String, String> config) {
        return create(store, config, FormatRegistry.discover(), System::nanoTime);
    }

    /**
     * @param store the store's settings and constructor
     * @param config the sink's settings
     * @param formats the formats {@code format_type} chooses from
     * @param ticker the clock of chunk ageing and put retries, in nanoseconds
     * @return a new sink, owned by the caller
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad key and value
     */
    public static ObjectSink create(ObjectStore.Factory store, Map<String, String> config, FormatRegistry formats,
            LongSupplier ticker) {
        SinkConfig c = new SinkConfig(store.sink(), config, Set.of());
        Supplier<ObjectStore> opener = store.read(c);
        ObjectSinkSettings settings = ObjectSinkSettings.read(c, formats);
        List<String> known = new ArrayList<>(store.keys());
        known.addAll(ObjectSinkSettings.KEYS);
        for (String unused : c.unusedKeys()) {
            c.violation(unused, config.get(unused), "is not a setting of the '" + store.sink() + "' sink with format '"
                    + settings.format().name() + "' (known: " + String.join(", ", known) + ")");
        }
        c.validate();
        Map<String, String> content = new TreeMap<>(contentSettings(settings));
        for (Map.Entry<String, String> entry : config.entrySet()) {
            // the format's own settings (compression, row_group_size) shape the objects too
            if (!store.keys().contains(entry.getKey()) && !ObjectSinkSettings.KEYS.contains(entry.getKey())) {
                content.put(entry.getKey(), entry.getValue());
            }
        }
        return new ObjectSink(store.sink(), settings, opener.get(), ticker, content);
    }

    /** @return the shared settings that shape the objects: which records each holds, and its bytes */
    private static Map<String, String> contentSettings(ObjectSinkSettings settings) {
        Map<String, String> content = new TreeMap<>();
        content.put(ObjectSinkSettings.SYNC_TYPE, settings.syncType().name().toLowerCase(Locale.ROOT));
        content.put(ObjectSinkSettings.FORMAT_TYPE, settings.format().name());
        content.put(ObjectSinkSettings.MAX_CHUNK_SIZE_KEY, Long.toString(settings.maxChunkSize()));
        content.put(ObjectSinkSettings.GZIP, Boolean.toString(settings.gzip()));
        content.put(ObjectSinkSettings.PREFIX, settings.prefix());
        return content;
    }

    /** @return whether its store reads objects back, where the progress of a resumable emulation is kept */
    @Override
    public boolean resumable() {
        return store.readsObjects();
    }

    /**
     * @return {@code sync_type}, {@code format_type}, {@code max_chunk_size}, {@code gzip}, {@code prefix} and the
     *     format's own settings: what decides which records an object holds and its bytes
     */
    @Override
    public Map<String, String> resumeSettings() {
        return resumeSettings;
    }

    /**
     * Starts or resumes a resumable emulation: its objects are then named by worker lane and index
     * ({@code .../<emulation-id>/lane-003/part-000042.jsonl}) and end by size alone (never by {@code chunk_max_age}),
     * so each holds the same records in every run; each lane's progress is checkpointed in
     * {@code [<prefix>/]_resume/<emulation-id>/} once its objects are stored without a gap. Resuming reads the
     * checkpoints; each lane continues with the object after its last checkpointed one.
     *
     * @throws dev.dataemulator.core.InvalidSettingException when {@code sync_type} is {@code single} or
     *     {@code partition_by} is set: objects that no lane's progress describes
     * @throws SinkException when the checkpoints cannot be read or written
     */
    @Override
    public ResumePoint resume(ResumeRequest request) {
        if (settings.syncType() == SyncType.SINGLE) {
            throw new InvalidSettingException(ObjectSinkSettings.SYNC_TYPE, "single", "cannot resume: an object "
                    + "per record is not a lane's progress; use 'chunked' or 'grouped' with resume=true");
        }
        if (settings.partitionBy() != null) {
            throw new InvalidSettingException(ObjectSinkSettings.PARTITION_BY, settings.partitionBy().toString(),
                    "cannot be used with resume=true: a lane's objects must follow its records in order");
        }
        ResumePoint point = checkpoints.resume(request);
        long[] firstParts = new long[request.lanes()];
        for (int lane = 0; lane < firstParts.length; lane++) {
            firstParts[lane] = checkpoints.firstPart(request.resource(), request.emulationId(), lane);
        }
        series.pinLanes(request.resource(), request.emulationId(), firstParts);
        return point;
    }

    /** @return the shared settings */
    public ObjectSinkSettings settings() {
        return settings;
    }

    /**
     * @return {@code container} marked as the labels' ({@code <container>#faults}): labels are the objects of the
     *     domain {@code <domain>_faults} in the same container, never partitioned (they have none of the records'
     *     fields {@code partition_by} names)
     */
    @Override
    public String labelResource(String container) {
        return container + LABELS;
    }

    /**
     * Prepares the container (bucket, directory) through the store.
     *
     * @param container the emulation's resource
     */
    @Override
    public void setupResource(String container) {
        if (!container.endsWith(LABELS)) { // the labels' container is the records', set up before
            store.createContainer(container);
        }
    }

    /**
     * Takes one record into its object; may block while every put slot is taken.
     *
     * @param resource the container, set up before, or its {@link #labelResource label resource}
     * @param key the record key (unused: objects are named by emulation and part)
     * @param record the record
     * @throws SinkException when closed, or when the record cannot be encoded or written (it was not taken)
     */
    @Override
    public void produce(String resource, String key, EmulatedRecord record) {
        boolean label = resource.endsWith(LABELS);
        String container = label ? resource.substring(0, resource.length() - LABELS.length()) : resource;
        if (closed) {
            throw new SinkException("The " + sink + " sink for " + store + " is closed");
        }
        try {
            settings.format().prepare(record); // outside the locks: workers encode in parallel
        } catch (RuntimeException e) {
            throw new SinkException("Record " + record.seq() + " cannot be written as " + settings.format().name()
                    + ": " + e.getMessage(), e);
        }
        String partition = settings.partitionBy() == null || label ? "" : settings.partitionBy().path(record);
        try {
            if (settings.syncType() == SyncType.SINGLE) {
                uploads.submit(single(container, partition, record));
            } else {
                series.add(container, partition, record, this::completed);
            }
        } catch (ObjectSeries.BrokenPartException e) {
            throw new SinkException("Writing record " + record.seq() + " to " + e.part() + " failed: "
                    + e.getMessage(), e.getCause());
        } catch (IOException | UncheckedIOException e) {
            throw new SinkException("Writing record " + record.seq() + " into '" + container + "' of the " + sink
                    + " sink (" + store + ") failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SinkException("Record " + record.seq() + " of '" + record.domain() + "' cannot be written as "
                    + settings.format().name() + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new SinkException("The " + sink + " sink for " + store + " is closed; record " + record.seq()
                    + " was not taken", e);
        }
    }

    /** Completes every open object and waits until every object completed so far is stored or counted failed. */
    @Override
    public void flush() {
        series.drainAll(this::completed);
        uploads.awaitAll(null);
    }

    /**
     * Completes the open objects, waits up to {@code close_timeout} for their puts and counts what did not finish
     * as failed, then stops the threads and closes the store. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ager != null) {
            ager.close();
        }
        try {
            series.close(this::completed); // a record racing the close is completed or refused, never left open
            uploads.awaitAll(settings.closeTimeout());
        } finally {
            uploads.shutdown(settings.closeTimeout());
            store.close();
        }
    }

    private void completed(Batch batch) {
        smallObjects.note(batch);
        uploads.submit(batch);
    }

    private Batch single(String container, String partition, EmulatedRecord record) throws IOException {
        Batch batch = batch(container, keys.record(record.domain(), partition, record.emulationId(), record.seq()),
                record, singleFormat);
        try {
            batch.add(record);
            batch.finish();
        } catch (IOException | RuntimeException e) {
            batch.release();
            throw e;
        }
        return batch;
    }

    private Batch open(String container, String partition, EmulatedRecord record, long part) throws IOException {
        if (checkpoints.resumable(container, record.emulationId())) {
            int lane = record.lane();
            if (part == checkpoints.firstPart(container, record.emulationId(), lane)) {
                // the lane's first object in this run: what a killed run left half-written goes first
                store.discardPartial(container, keys.lane(record.domain(), record.emulationId(), lane));
            }
            Batch batch = batch(container, keys.lanePart(record.domain(), record.emulationId(), lane, part), record,
                    settings.format());
            batch.lane = lane;
            batch.part = part;
            return batch;
        }
        return batch(container, keys.part(record.domain(), partition, record.emulationId(), part), record,
                settings.format());
    }

    /** Opens an object where its store wants it written, or in the sink's own buffer for its mode. */
    private Batch batch(String container, String key, EmulatedRecord first, ObjectFormat format)
            throws IOException {
        Path staged = store.stagingFile(container, key);
        boolean gzip = settings.gzip();
        Batch batch;
        if (staged != null) {
            batch = Batch.staged(container, key, first, format, gzip, staged);
        } else if (settings.syncType() == SyncType.SINGLE) {
            batch = Batch.inMemory(container, key, first, format, gzip, SINGLE_START);
        } else if (settings.syncType() == SyncType.GROUPED) {
            batch = Batch.spooled(container, key, first, format, gzip);
        } else if (chunks != null) {
            batch = Batch.pooled(container, key, first, format, gzip, chunks);
        } else {
            batch = Batch.inMemory(container, key, first, format, gzip,
                    settings.partitionBy() != null ? PARTITION_CHUNK_START : settings.maxChunkSize() + 1024);
        }
        batch.name = store.objectName(container, key);
        return batch;
    }

    static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public String toString() {
        return "ObjectSink[" + sink + " at " + store + ", " + settings + ", " + uploads.inFlight()
                + " put(s) in flight]";
    }
}
