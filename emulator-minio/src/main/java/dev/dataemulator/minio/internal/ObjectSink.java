package dev.dataemulator.minio.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ObjectSeries;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine of the {@code minio} sink, independent of the client behind {@link ObjectStore}: {@link SeriesBuffers}
 * collects records into batches, {@link UploadPool} uploads finished batches on bounded threads through
 * {@link UploadRetry}, the series' ager sends chunks that got old, and {@link BucketSetup} prepares buckets. No lock is
 * held during an upload or while waiting for an upload slot.
 *
 * <p>Thread-safe.
 */
public final class ObjectSink {
    /** S3's smallest multipart part, and the client's. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Part size of spooled (grouped) objects: bounds the client's buffer per upload. */
    static final long SPOOL_PART_SIZE = 16L * 1024 * 1024;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final MinioSettings settings;
    private final ObjectStore store;
    private final String server;
    private final BucketSetup setup;
    private final SeriesBuffers buffers;
    private final UploadPool uploads;
    private final ObjectSeries.Ager ager;
    private volatile boolean closed;

    /**
     * @param settings the parsed settings
     * @param store where objects go
     * @param server how to name the server in messages (its endpoint)
     */
    public ObjectSink(MinioSettings settings, ObjectStore store, String server) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.server = Objects.requireNonNull(server, "server");
        String threads = "emulator-minio-" + INSTANCES.incrementAndGet();
        this.setup = new BucketSetup(store, settings, server);
        this.buffers = new SeriesBuffers(settings);
        this.uploads = new UploadPool(settings, new UploadRetry(store, settings, server, System::nanoTime), server,
                threads);
        this.ager = settings.syncType() == SyncType.CHUNKED
                ? buffers.completeAged(settings.chunkMaxAge(), uploads::submit, threads + "-ager")
                : null;
    }

    /** @return the settings */
    public MinioSettings settings() {
        return settings;
    }

    /**
     * Checks the bucket name, then creates the bucket unless it exists.
     *
     * @param bucket the bucket
     */
    public void setupResource(String bucket) {
        setup.ensureBucket(bucket);
    }

    /**
     * Takes one record; may block while all upload slots are taken.
     *
     * @param bucket the bucket, set up before
     * @param record the record
     */
    public void produce(String bucket, EmulatedRecord record) {
        if (closed) {
            throw new SinkException("The minio sink for " + server + " is closed");
        }
        buffers.add(bucket, record, uploads::submit);
    }

    /** Uploads everything buffered and waits for every upload started so far. */
    public void flush() {
        buffers.drainAll(uploads::submit);
        uploads.awaitAll(null);
    }

    /**
     * Uploads what is buffered, waits up to the close timeout, then counts unfinished uploads as failed and stops the
     * threads. Idempotent.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ager != null) {
            ager.close();
        }
        try {
            buffers.close(uploads::submit); // a record racing the close is drained or refused, never left open
            uploads.awaitAll(settings.closeTimeout());
        } finally {
            uploads.shutdown(settings.closeTimeout());
            store.close();
        }
    }

    static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public String toString() {
        return "ObjectSink[" + server + ", " + settings.syncType().name().toLowerCase(Locale.ROOT) + ", "
                + settings.format().extension() + ", " + uploads.inFlight() + " upload(s) in flight]";
    }
}
