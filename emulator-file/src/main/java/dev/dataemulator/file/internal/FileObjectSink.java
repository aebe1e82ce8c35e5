package dev.dataemulator.file.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of the {@code file} sink. Records are written straight into files, one open file per series
 * (resource, emulation, domain; and producing thread, in chunked mode with a format that encodes while records are
 * added, such as Parquet) and partition value, under that series' own lock; a complete file is taken out of its
 * series under the lock, then closed, renamed to its final name and its records reported delivered outside it. At most {@code max_open_partitions} files are open per series: past
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
    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();
    private final Map<SeriesKey, AtomicLong> partNumbers = new ConcurrentHashMap<>();
    private final boolean lanes;
    private final ScheduledExecutorService ager;
    private volatile boolean closed;

    /** @param settings the parsed settings */
    public FileObjectSink(FileSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = new ObjectKeys(settings.prefix(), settings.format().extension(), settings.gzip());
        this.singleFormat = settings.format().forSingleRecords();
        // formats that encode while records are added: each producing thread fills its own chunks
        this.lanes = settings.syncType() == SyncType.CHUNKED && settings.format().encodesInWriter();
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
        SeriesKey emulation = new SeriesKey(resource, record.emulationId(), record.domain(), 0);
        Series s = series.computeIfAbsent(lanes ? emulation.lane(Thread.currentThread().getId()) : emulation,
                key -> new Series(partNumbers.computeIfAbsent(emulation, k -> new AtomicLong())));
        // files to complete are taken out of the series under its lock and completed after it (closed, renamed,
        // reported), so that the other workers of the series do not wait for a file's close
        OpenFile full = null;
        OpenFile displaced = null;
        synchronized (s) {
            OpenFile file = s.open.get(partition);
            if (file != null && file.tracker != record.tracker()) {
                // a second run under the same emulation id: never mix two trackers in one file
                displaced = s.open.remove(partition);
                file = null;
            }
            if (file == null) {
                if (displaced == null && s.open.size() >= settings.maxOpenPartitions()) {
                    Iterator<OpenFile> oldest = s.open.values().iterator();
                    displaced = oldest.next();
                    oldest.remove();
                }
                Path target = dir.resolve(keys.part(record.domain(), partition, record.emulationId(),
                        s.nextPart.getAndIncrement()));
                file = open(target, settings.format(), record);
                s.open.put(partition, file);
            }
            add(file, record, () -> s.open.remove(partition));
            if (settings.syncType() == SyncType.CHUNKED && file.bytes() >= settings.maxChunkSize()) {
                s.open.remove(partition);
                full = file;
            }
        }
        if (displaced != null) {
            displaced.complete();
        }
        if (full != null) {
            full.complete();
        }
    }

    private void writeSingle(Path dir, String partition, EmulatedRecord record) {
        Path target = dir.resolve(keys.record(record.domain(), partition, record.emulationId(), record.seq()));
        OpenFile file = open(target, singleFormat, record);
        try {
            add(file, record, () -> { });
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

    private static void add(OpenFile file, EmulatedRecord record, Runnable forget) {
        try {
            file.add(record);
        } catch (IOException e) {
            forget.run();
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
        for (Series s : series.values()) {
            List<OpenFile> files;
            synchronized (s) {
                files = new ArrayList<>(s.open.values());
                s.open.clear();
            }
            files.forEach(OpenFile::complete);
        }
    }

    /** Completes every open file and stops the chunk ager. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ager != null) {
            ager.shutdownNow();
        }
        flush();
    }

    private void completeOldChunks() {
        long now = System.nanoTime();
        long maxAge = settings.chunkMaxAge().toNanos();
        try {
            for (Series s : series.values()) {
                List<OpenFile> aged = new ArrayList<>();
                synchronized (s) {
                    Iterator<OpenFile> it = s.open.values().iterator();
                    while (it.hasNext()) {
                        OpenFile file = it.next();
                        if (now - file.createdNanos >= maxAge) {
                            it.remove();
                            aged.add(file);
                        }
                    }
                }
                aged.forEach(OpenFile::complete);
            }
        } catch (RuntimeException e) {
            LOG.warn("Completing aged chunks in {} failed: {}", settings.path(), e.toString());
        }
    }

    @Override
    public String toString() {
        return "FileObjectSink[" + settings.path() + ", " + settings.syncType().name().toLowerCase(Locale.ROOT)
                + ", " + settings.format().name() + "]";
    }

    /** An emulation's files in one resource; {@code lane} tells apart the producing threads' chunks (else 0). */
    private record SeriesKey(String resource, String emulationId, String domain, long lane) {
        SeriesKey lane(long thread) {
            return new SeriesKey(resource, emulationId, domain, thread);
        }
    }

    /** The open files of one series; its monitor guards {@link #open}. */
    private static final class Series {
        /** Open files by partition path, oldest first. */
        final LinkedHashMap<String, OpenFile> open = new LinkedHashMap<>();
        /** Part numbers, shared by the lanes of an emulation so that names never collide. */
        final AtomicLong nextPart;

        Series(AtomicLong nextPart) {
            this.nextPart = nextPart;
        }
    }
}
