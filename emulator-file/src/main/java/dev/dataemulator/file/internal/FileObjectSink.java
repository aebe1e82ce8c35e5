package dev.dataemulator.file.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectKeys;
import dev.dataemulator.core.spi.ObjectSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of the {@code file} sink. Records are written straight into files: in grouped and chunked mode one open
 * file per series and partition value, kept by core's {@link ObjectSeries} (each series under its own lock); a
 * complete file is taken out of its series under the lock, then closed, renamed to its final name and its records
 * reported delivered outside it. At most {@code max_open_partitions} files are open per series: past
 * it the one opened first is completed. Memory is bounded by the open files' buffers (a Parquet row group each).
 *
 * <p>Thread-safe.
 */
public final class FileObjectSink {
    private static final Logger LOG = LoggerFactory.getLogger(FileObjectSink.class);
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Resources checked and resolved, by name: {@link #produce} needs one per record. */
    private final Map<String, Path> directories = new ConcurrentHashMap<>();
    private final FileSettings settings;
    private final ObjectKeys keys;
    private final ObjectFormat singleFormat;
    private final ObjectSeries<OpenFile> series;
    private final ScheduledExecutorService ager;
    private volatile boolean closed;

    /** @param settings the parsed settings */
    public FileObjectSink(FileSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = new ObjectKeys(settings.prefix(), settings.format().extension(), settings.gzip());
        this.singleFormat = settings.format().forSingleRecords();
        // formats that encode while records are added: each producing thread fills its own chunks
        boolean lanes = settings.syncType() == SyncType.CHUNKED && settings.format().encodesInWriter();
        this.series = new ObjectSeries<>(settings.syncType() == SyncType.CHUNKED ? settings.maxChunkSize()
                : Long.MAX_VALUE, settings.maxOpenPartitions(), lanes, (resource, partition, first, part) ->
                new OpenFile(directory(resource).resolve(keys.part(first.domain(), partition, first.emulationId(),
                        part)), settings.format(), settings.gzip(), first));
        if (settings.syncType() == SyncType.CHUNKED) {
            long period = Math.max(10, Math.min(1000, settings.chunkMaxAge().toMillis() / 4));
            String name = "emulator-file-" + INSTANCES.incrementAndGet() + "-ager";
            this.ager = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, name);
                thread.setDaemon(true);
                return thread;
            });
            this.ager.scheduleWithFixedDelay(this::completeOldChunks, period, period, TimeUnit.MILLISECONDS);
        } else {
            this.ager = null;
        }
    }

    /**
     * Creates the resource's directory below {@code path}.
     *
     * @param resource the directory name (the domain's topic or bucket)
     */
    public void setupResource(String resource) {
        Path dir = directory(resource);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SinkException("Creating directory '" + dir + "' failed: " + e, e);
        }
    }

    private Path directory(String resource) {
        Path known = resource == null ? null : directories.get(resource);
        if (known != null) {
            return known;
        }
        if (resource == null || !RESOURCE.matcher(resource).matches() || resource.contains("..")) {
            throw new InvalidSettingException("resource", resource,
                    "must be one directory name of letters, digits, '.', '_' and '-'");
        }
        Path dir = settings.path().resolve(resource);
        directories.put(resource, dir);
        return dir;
    }

    /**
     * Takes one record: writes it into its open file (or its own file in single mode).
     *
     * @param resource the resource, set up before
     * @param record the record
     * @throws InvalidSettingException when {@code partition_by} or the format does not fit the record's domain
     * @throws SinkException when the record cannot be written; it was not taken
     */
    public void produce(String resource, EmulatedRecord record) {
        if (closed) {
            throw new SinkException("The file sink for '" + settings.path() + "' is closed");
        }
        try {
            settings.format().prepare(record); // outside the series lock: workers encode in parallel
        } catch (RuntimeException e) {
            throw new SinkException("Record " + record.seq() + " cannot be written as " + settings.format().name()
                    + ": " + e.getMessage(), e);
        }
        String partition = settings.partitionBy() == null ? "" : settings.partitionBy().path(record);
        Path dir = directory(resource);
        if (settings.syncType() == SyncType.SINGLE) {
            writeSingle(dir, partition, record);
            return;
        }
        try {
            series.add(resource, partition, record, OpenFile::complete);
        } catch (ObjectSeries.BrokenPartException e) {
            SinkException failure = new SinkException("Writing record " + record.seq() + " to " + e.part()
                    + " failed: " + e.getCause(), e.getCause());
            ((OpenFile) e.part()).abandon(failure);
            throw failure;
        } catch (IOException e) {
            throw new SinkException("Creating a file in " + dir + " failed: " + e, e);
        } catch (IllegalArgumentException e) {
            throw new SinkException("Record " + record.seq() + " of '" + record.domain() + "' cannot be written "
                    + "to " + dir + ": " + e.getMessage(), e);
        }
    }

    private void writeSingle(Path dir, String partition, EmulatedRecord record) {
        Path target = dir.resolve(keys.record(record.domain(), partition, record.emulationId(), record.seq()));
        OpenFile file = open(target, singleFormat, record);
        try {
            add(file, record);
        } catch (RuntimeException e) {
            file.abandon(e);
            throw e;
        }
        file.complete();
    }

    private OpenFile open(Path target, ObjectFormat format, EmulatedRecord record) {
        try {
            return new OpenFile(target, format, settings.gzip(), record);
        } catch (IOException e) {
            throw new SinkException("Creating " + target + " failed: " + e, e);
        }
    }

    private static void add(OpenFile file, EmulatedRecord record) {
        try {
            file.add(record);
        } catch (IOException e) {
            SinkException failure = new SinkException("Writing record " + record.seq() + " to " + file
                    + " failed: " + e, e);
            file.abandon(failure);
            throw failure;
        } catch (IllegalArgumentException e) {
            throw new SinkException("Record " + record.seq() + " of '" + record.domain() + "' cannot be written "
                    + "to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Completes every open file. */
    public void flush() {
        series.drainAll(OpenFile::complete);
    }

    /** Completes every open file and stops the chunk ager. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ager != null) {
            // a check under way finishes completing its files: an interrupt in file I/O would fail their records
            ager.shutdown();
            try {
                if (!ager.awaitTermination(10, TimeUnit.SECONDS)) {
                    ager.shutdownNow();
                }
            } catch (InterruptedException e) {
                ager.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    private void completeOldChunks() {
        try {
            series.drainCreatedBy(System.nanoTime() - settings.chunkMaxAge().toNanos(), OpenFile::complete);
        } catch (RuntimeException e) {
            LOG.warn("Completing aged chunks in {} failed: {}", settings.path(), e.toString());
        }
    }

    @Override
    public String toString() {
        return "FileObjectSink[" + settings.path() + ", " + settings.syncType().name().toLowerCase(Locale.ROOT)
                + ", " + settings.format().name() + "]";
    }
}
