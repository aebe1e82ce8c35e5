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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

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
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Resources checked and resolved, by name: {@link #produce} needs one per record. */
    private final Map<String, Path> directories = new ConcurrentHashMap<>();
    private final FileSettings settings;
    private final ObjectKeys keys;
    private final ObjectFormat singleFormat;
    private final ObjectSeries<OpenFile> series;
    private final ObjectSeries.Ager ager;
    private volatile boolean closed;

    /** @param settings the parsed settings */
    public FileObjectSink(FileSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = new ObjectKeys(settings.prefix(), settings.format().extension(), settings.gzip());
        this.singleFormat = settings.format().forSingleRecords();
        // formats that encode while records are added: each producing thread fills its own chunks
        boolean lanes = settings.syncType() == SyncType.CHUNKED && settings.format().encodesInWriter();
        this.series = new ObjectSeries<>(settings.syncType() == SyncType.CHUNKED ? settings.maxChunkSize()
                : Long.MAX_VALUE, settings.maxOpenPartitions(), lanes, this::openPart, OpenFile::abandon);
        this.ager = settings.syncType() == SyncType.CHUNKED ? series.completeAged(settings.chunkMaxAge(),
                OpenFile::complete, "emulator-file-" + INSTANCES.incrementAndGet() + "-ager") : null;
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
            // the file was abandoned: its temporary file deleted, its records reported failed
            throw new SinkException("Writing record " + record.seq() + " to " + e.part() + " failed: "
                    + e.getCause(), e.getCause());
        } catch (IOException e) {
            throw new SinkException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SinkException("Record " + record.seq() + " of '" + record.domain() + "' cannot be written "
                    + "to " + dir + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new SinkException("The file sink for '" + settings.path() + "' is closed; record " + record.seq()
                    + " was not taken", e);
        }
    }

    /** Opens a grouped or chunked file of the series; the error names the file. */
    private OpenFile openPart(String resource, String partition, EmulatedRecord first, long part) {
        return open(directory(resource).resolve(keys.part(first.domain(), partition, first.emulationId(), part)),
                settings.format(), first);
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
            ager.close();
        }
        series.close(OpenFile::complete); // a record racing the close is completed or refused, never left open
    }

    @Override
    public String toString() {
        return "FileObjectSink[" + settings.path() + ", " + settings.syncType().name().toLowerCase(Locale.ROOT)
                + ", " + settings.format().name() + "]";
    }
}
