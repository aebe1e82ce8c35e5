package dev.dataemulator.file.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectSeries;
import dev.dataemulator.core.spi.ObjectWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * One file being written under a hidden temporary name ({@code .part-000001.parquet.tmp}) next to its final name,
 * renamed atomically when complete, so a reader never sees half a file. Remembers how many records it holds and whom
 * to tell about their fate. Not thread-safe: guarded by its series' lock while open, then completed by the one
 * thread that took it out of its series.
 */
final class OpenFile extends ObjectSeries.Part {
    private static final int BUFFER = 64 * 1024;

    final Path target;
    private final Path temp;
    private final OutputStream out;
    private final ObjectWriter writer;
    private long records;
    private boolean done;

    OpenFile(Path target, ObjectFormat format, boolean gzip, EmulatedRecord first) throws IOException {
        super(first);
        this.target = target;
        Files.createDirectories(target.getParent());
        this.temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), BUFFER);
        OutputStream stream = file;
        try {
            stream = gzip ? new GZIPOutputStream(file, BUFFER) : file;
            this.writer = format.open(stream, first);
        } catch (IOException | RuntimeException e) {
            closeQuietly(stream);
            Files.deleteIfExists(temp);
            throw e;
        }
        this.out = stream;
    }

    /**
     * Appends a record; it counts as held only when this returns.
     *
     * @throws IllegalArgumentException when the record does not fit; the file stays usable
     * @throws IOException when writing fails; the file is broken and must be {@link #abandon(Throwable) abandoned}
     */
    @Override
    public void add(EmulatedRecord record) throws IOException {
        long before = writer.bytes();
        writer.add(record);
        records++;
        record.tracker().encoded(writer.bytes() - before);
    }

    @Override
    public long encodedBytes() {
        return writer.bytes();
    }



    /** Completes the file, renames it to its final name and reports its records: delivered, or failed. */
    void complete() {
        if (done) {
            return;
        }
        done = true;
        try {
            writer.finish();
            out.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            fail(new java.io.UncheckedIOException("Writing " + target + " failed: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e)));
            return;
        }
        if (records > 0) {
            tracker().delivered(records);
        }
    }

    /** Deletes the temporary file and reports its records failed. */
    void abandon(Throwable cause) {
        if (done) {
            return;
        }
        done = true;
        fail(cause);
    }

    private void fail(Throwable cause) {
        closeQuietly(out);
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the file is reported failed either way; a hidden .tmp file is all that may remain
        }
        if (records > 0) {
            tracker().failed(records, cause);
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing
        }
    }

    @Override
    public String toString() {
        return target + " (" + records + " records)";
    }
}
