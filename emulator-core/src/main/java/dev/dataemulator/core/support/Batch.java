package dev.dataemulator.core.support;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectStore;
import dev.dataemulator.core.spi.ObjectWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The records of one future object, all of one emulation: encoded into memory (chunks, single records), into a
 * spool file (grouped objects) or into the file its store staged for it, optionally gzip-compressed. Remembers how
 * many records it holds and whom to tell about their fate. Guarded by its own lock while open, then owned by the one
 * thread that completes it and by one put.
 */
final class Batch extends ObjectSeries.Part implements ObjectStore.Content {
    private static final int GZIP_BUFFER = 64 * 1024;

    final String container;
    final String key;
    private final String emulationId;
    private final String contentType;
    private final ObjectWriter encoder;
    private final OutputStream out;
    private final ChunkBuffer memory;
    private final Path file;
    private final boolean staged;
    private final BufferPool pool;
    private long records;
    private long size = -1;
    /** How messages name the object: its store's name for it ({@link ObjectStore#objectName}), set on opening. */
    String name;
    /** The worker lane of a resumable emulation whose object this is, set on opening; -1 for any other object. */
    int lane = -1;
    /** The object's index within its lane, for a lane's object. */
    long part;
    /** The {@link EmulatedRecord#position() position} of the last record added. */
    private long lastPosition = -1;

    private Batch(String container, String key, EmulatedRecord first, ObjectFormat format, boolean gzip,
            ChunkBuffer memory, BufferPool pool, Path file, boolean staged) throws IOException {
        super(first);
        this.container = container;
        this.emulationId = first.emulationId();
        this.staged = staged;
        this.key = key;
        this.contentType = gzip ? "application/gzip" : format.contentType();
        this.memory = memory;
        this.pool = pool;
        this.file = file;
        OutputStream target = memory != null ? memory
                : new BufferedOutputStream(Files.newOutputStream(file), GZIP_BUFFER);
        this.out = gzip ? new GZIPOutputStream(target, GZIP_BUFFER) : target;
        this.encoder = format.open(out, first);
    }

    /**
     * A batch held in memory, sized for {@code expectedBytes}.
     *
     * @param first the object's first record (not added yet): the format reads its domain and schema
     */
    static Batch inMemory(String container, String key, EmulatedRecord first, ObjectFormat format, boolean gzip,
            long expectedBytes) throws IOException {
        return new Batch(container, key, first, format, gzip, new ChunkBuffer((int) Math.min(expectedBytes, 1 << 20)),
                null, null, false);
    }

    /** A batch held in memory, in an array from {@code pool} that {@link #recycle()} gives back. */
    static Batch pooled(String container, String key, EmulatedRecord first, ObjectFormat format, boolean gzip,
            BufferPool pool) throws IOException {
        byte[] array = pool.take();
        try {
            return new Batch(container, key, first, format, gzip, new ChunkBuffer(array), pool, null, false);
        } catch (IOException | RuntimeException e) {
            pool.give(array);
            throw e;
        }
    }

    /** A batch spooled to a temporary file, for objects of unbounded size. */
    static Batch spooled(String container, String key, EmulatedRecord first, ObjectFormat format, boolean gzip)
            throws IOException {
        return inFile(container, key, first, format, gzip, Files.createTempFile("emulator-object-", ".spool"), false);
    }

    /** A batch written into the file its store staged for it ({@link ObjectStore#stagingFile}). */
    static Batch staged(String container, String key, EmulatedRecord first, ObjectFormat format, boolean gzip,
            Path file) throws IOException {
        return inFile(container, key, first, format, gzip, file, true);
    }

    private static Batch inFile(String container, String key, EmulatedRecord first, ObjectFormat format,
            boolean gzip, Path file, boolean staged) throws IOException {
        try {
            return new Batch(container, key, first, format, gzip, null, null, file, staged);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Appends a record; the caller counts it as held only when this returns.
     *
     * @throws IllegalArgumentException when the record does not fit; the batch stays usable
     * @throws IOException when the encoding broke (a columnar format that took part of the record): the batch must
     *     be failed
     */
    @Override
    public void add(EmulatedRecord record) throws IOException {
        long before = encoder.bytes();
        encoder.add(record);
        records++;
        lastPosition = record.position();
        record.tracker().encoded(encoder.bytes() - before);
    }

    /** @return records held */
    long records() {
        return records;
    }

    /** @return the emulation whose records it holds */
    String emulationId() {
        return emulationId;
    }

    /** @return the position of the last record added, -1 before the first */
    long lastPosition() {
        return lastPosition;
    }



    /** @return encoded bytes so far, before compression */
    @Override
    public long encodedBytes() {
        return encoder.bytes();
    }

    @Override
    public boolean inMemory() {
        return memory != null;
    }

    /** Closes the encoding; the object is complete. */
    void finish() throws IOException {
        if (size >= 0) {
            return;
        }
        encoder.finish();
        if (out instanceof GZIPOutputStream gzip) {
            gzip.finish();
        }
        if (memory != null) {
            size = memory.size();
        } else {
            out.close();
            size = Files.size(file);
        }
    }

    /** @return the object's size; valid after {@link #finish()} */
    @Override
    public long size() {
        return size;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    /** @return the object's bytes from the start; valid after {@link #finish()} */
    @Override
    public InputStream open() throws IOException {
        return memory != null ? memory.open() : Files.newInputStream(file);
    }

    @Override
    public Optional<Path> stagedFile() {
        return staged ? Optional.of(file) : Optional.empty();
    }

    /**
     * Frees the batch and gives its array back to its pool: only when nothing can read the bytes any more (the upload
     * that read them has returned).
     */
    void recycle() {
        release();
        if (pool != null) {
            pool.give(memory.array());
        }
    }

    /**
     * Frees the spool or staged file, if any (a staged file moved into place by its store is gone already); an array
     * stays with the batch (an interrupted put may still read it).
     */
    void release() {
        if (file != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // closing a file we are about to delete
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; a hidden staged file or the OS's temp directory is all that may remain
            }
        }
    }

    @Override
    public String toString() {
        return (name != null ? name : key) + " (" + records + " records)";
    }
}
