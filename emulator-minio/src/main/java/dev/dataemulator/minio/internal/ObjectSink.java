package dev.dataemulator.minio.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.RecordFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of the {@code minio} sink, independent of the client behind {@link ObjectStore}.
 *
 * <p>Records are buffered per series (bucket, emulation, domain) under that series' own lock; a full batch leaves the
 * series and goes to a bounded pool of upload threads. Producers block while every upload slot (running plus queued)
 * is taken, so memory stays bounded; no lock is held during an upload or while waiting for a slot. Each upload
 * reports its records exactly once: delivered, or failed after its retries.
 */
public final class ObjectSink {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectSink.class);
    /** S3's smallest multipart part, and the client's. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Part size of spooled (grouped) objects: bounds the client's buffer per upload. */
    static final long SPOOL_PART_SIZE = 16L * 1024 * 1024;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final MinioSettings settings;
    private final ObjectStore store;
    private final String server;
    private final ObjectNames names;
    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();
    private final Map<Upload, Boolean> inFlight = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;
    private final Semaphore slots;
    private final ScheduledExecutorService ager;
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
        this.names = new ObjectNames(settings.prefix(), settings.format(), settings.gzip());
        int instance = INSTANCES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.uploadConcurrency(), settings.uploadConcurrency(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> daemon(r, "emulator-minio-" + instance
                        + "-upload-" + threads.incrementAndGet()));
        this.pool.allowCoreThreadTimeOut(true);
        this.slots = new Semaphore(settings.uploadConcurrency() + settings.uploadQueue());
        if (settings.syncType() == SyncType.CHUNKED) {
            long period = Math.max(10, Math.min(1000, settings.chunkMaxAge().toMillis() / 4));
            this.ager = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "emulator-minio-" + instance
                    + "-ager"));
            this.ager.scheduleWithFixedDelay(this::uploadOldChunks, period, period, TimeUnit.MILLISECONDS);
        } else {
            this.ager = null;
        }
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
        String problem = BucketNames.problem(bucket);
        if (problem != null) {
            throw new InvalidSettingException("bucket", bucket, "illegal S3 bucket name: " + problem);
        }
        try {
            if (store.bucketExists(bucket)) {
                return;
            }
            try {
                store.makeBucket(bucket);
                LOG.info("Created bucket '{}' on {}", bucket, server);
            } catch (Exception e) {
                String code = Failures.code(e);
                // another emulation (or another process) created it meanwhile
                if (!("BucketAlreadyOwnedByYou".equals(code) || "BucketAlreadyExists".equals(code))
                        || !store.bucketExists(bucket)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("Interrupted while setting up bucket '" + bucket + "' on " + server, e);
        } catch (Exception e) {
            throw setupFailure(bucket, e);
        }
    }

    private SinkException setupFailure(String bucket, Exception e) {
        String what;
        if (Failures.isUnreachable(e)) {
            what = "cannot reach the S3 endpoint " + server + " (" + e.getMessage() + ")";
        } else if (e instanceof javax.net.ssl.SSLException) {
            what = "the TLS handshake with the S3 endpoint " + server + " failed; is its certificate trusted by this "
                    + "JVM? (to trust a private CA, build a MinioClient whose HTTP client trusts it and pass it to "
                    + "MinioSyncProducer.create(config, client)): " + e.getMessage();
        } else if (Failures.isFatal(e)) {
            what = "the S3 endpoint " + server + " refused the credentials"
                    + (settings.accessKey() == null ? "" : " of access key '" + settings.accessKey() + "'") + ": "
                    + Failures.describe(e);
        } else {
            what = "the S3 endpoint " + server + " answered " + Failures.describe(e);
        }
        return new SinkException("Setting up bucket '" + bucket + "' failed: " + what, e);
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
        Series s = series.computeIfAbsent(new SeriesKey(bucket, record.emulationId(), record.domain()),
                Series::new);
        Batch ready = null;
        Batch previous = null;
        synchronized (s) {
            try {
                if (settings.syncType() == SyncType.SINGLE) {
                    RecordFormat format = settings.format() == RecordFormat.JSON ? RecordFormat.JSONL
                            : settings.format();
                    ready = Batch.inMemory(bucket, names.record(record.domain(), record.emulationId(),
                            record.seq()), record.tracker(), format, settings.gzip(), record.json().length + 64);
                    ready.add(record);
                    ready.finish();
                } else {
                    if (s.open != null && s.open.tracker != record.tracker()) {
                        // a second run under the same emulation id: never mix two trackers in one object
                        previous = detach(s);
                    }
                    if (s.open == null) {
                        String key = names.part(record.domain(), record.emulationId(), s.nextPart++);
                        s.open = settings.syncType() == SyncType.GROUPED
                                ? Batch.spooled(bucket, key, record.tracker(), settings.format(), settings.gzip())
                                : Batch.inMemory(bucket, key, record.tracker(), settings.format(), settings.gzip(),
                                        settings.maxChunkSize() + 1024);
                    }
                    s.open.add(record);
                    if (settings.syncType() == SyncType.CHUNKED
                            && s.open.encodedBytes() >= settings.maxChunkSize()) {
                        ready = detach(s);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                throw new SinkException("Buffering record " + record.seq() + " for 's3://" + bucket + "' failed: "
                        + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new SinkException("Record " + record.seq() + " cannot be written as "
                        + settings.format().extension() + ": " + e.getMessage(), e);
            }
        }
        if (previous != null) {
            submit(s, previous);
        }
        if (ready != null) {
            submit(s, ready);
        }
    }

    /** Uploads everything buffered and waits for every upload started so far. */
    public void flush() {
        uploadAll();
        awaitUploads(null);
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
            ager.shutdownNow();
        }
        try {
            uploadAll();
            awaitUploads(settings.closeTimeout());
        } finally {
            pool.shutdownNow();
            for (Upload upload : new ArrayList<>(inFlight.keySet())) {
                upload.finish(new SinkException("Upload of " + upload.batch + " to " + server
                        + " did not finish within the close timeout " + settings.closeTimeout()), false);
            }
            store.close();
        }
    }

    private void uploadAll() {
        for (Series s : series.values()) {
            Batch ready;
            synchronized (s) {
                ready = s.open == null ? null : detach(s);
            }
            if (ready != null) {
                submit(s, ready);
            }
        }
    }

    private void uploadOldChunks() {
        long now = System.nanoTime();
        long maxAge = settings.chunkMaxAge().toNanos();
        try {
            for (Series s : series.values()) {
                Batch ready = null;
                synchronized (s) {
                    if (s.open != null && now - s.open.createdNanos >= maxAge) {
                        ready = detach(s);
                    }
                }
                if (ready != null) {
                    submit(s, ready);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Uploading aged chunks to {} failed: {}", server, e.toString());
        }
    }

    private static Batch detach(Series s) {
        Batch batch = s.open;
        s.open = null;
        return batch;
    }

    private void awaitUploads(Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        List<Upload> pending = new ArrayList<>(inFlight.keySet());
        for (Upload upload : pending) {
            try {
                if (timeout == null) {
                    upload.done.get();
                } else {
                    upload.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("Interrupted while waiting for uploads to " + server, e);
            } catch (TimeoutException e) {
                return;
            } catch (ExecutionException e) {
                // never completed exceptionally; outcomes are reported to the trackers
            }
        }
    }

    /** Hands a finished batch to the upload pool, blocking while all slots are taken. */
    private void submit(Series series, Batch batch) {
        try {
            batch.finish();
        } catch (IOException | RuntimeException e) {
            batch.tracker.failed(batch.records(), e);
            batch.release();
            return;
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            // the records were taken by earlier produce calls: they must be reported, not lost
            Thread.currentThread().interrupt();
            batch.tracker.failed(batch.records(), new SinkException("Interrupted before uploading " + batch, e));
            batch.release();
            return;
        }
        Upload upload = new Upload(series, batch);
        inFlight.put(upload, Boolean.TRUE);
        try {
            pool.execute(upload);
        } catch (RuntimeException e) {
            upload.finish(new SinkException("The minio sink for " + server + " is closed; " + batch
                    + " was not uploaded", e), false);
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public String toString() {
        return "ObjectSink[" + server + ", " + settings.syncType().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + settings.format().extension() + ", " + inFlight.size() + " upload(s) in flight]";
    }

    private record SeriesKey(String bucket, String emulationId, String domain) {
    }

    /** The objects of one emulation in one bucket; its monitor guards {@link #open} and {@link #nextPart}. */
    private static final class Series {
        Batch open;
        long nextPart;
        final AtomicBoolean aborted = new AtomicBoolean();

        Series(SeriesKey key) {
        }
    }

    private final class Upload implements Runnable {
        final Series series;
        final Batch batch;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final AtomicBoolean reported = new AtomicBoolean();

        Upload(Series series, Batch batch) {
            this.series = series;
            this.batch = batch;
        }

        @Override
        public void run() {
            long partSize = batch.inMemory() ? Math.max(MIN_PART_SIZE, batch.size())
                    : Math.max(MIN_PART_SIZE, Math.min(SPOOL_PART_SIZE, batch.size()));
            Exception last = null;
            for (int attempt = 0; attempt <= settings.retries(); attempt++) {
                if (attempt > 0 && !backOff(attempt)) {
                    break;
                }
                try {
                    store.put(batch.bucket, batch.key, batch::open, batch.size(), batch.contentType(), partSize);
                    finish(null, false);
                    return;
                } catch (Exception e) {
                    last = e;
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    if (!Failures.isTransient(e)) {
                        break;
                    }
                    LOG.debug("Upload of {} to {} failed (attempt {}), retrying: {}", batch, server, attempt + 1,
                            e.toString());
                }
            }
            // an endpoint still unreachable after every retry is taken to be gone: later objects would only fail
            // the same way, so the emulation ends instead of counting every further record failed
            boolean unreachable = last != null && Failures.isUnreachable(last);
            boolean fatal = last != null && (Failures.isFatal(last) || unreachable);
            finish(new SinkException("Upload of " + batch + " to " + server + " failed"
                    + (unreachable ? " after " + (settings.retries() + 1) + " attempt(s): cannot reach the S3 endpoint"
                            : "")
                    + (last == null ? "" : ": " + Failures.describe(last)), last), fatal);
        }

        private boolean backOff(int attempt) {
            long base = settings.retryBackoff().toMillis() << Math.min(20, attempt - 1);
            long delay = Math.min(MAX_BACKOFF.toMillis(), base);
            delay = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
            try {
                Thread.sleep(delay);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Reports the batch's records exactly once, frees its slot and its spool file. */
        void finish(Throwable failure, boolean fatal) {
            if (!reported.compareAndSet(false, true)) {
                return;
            }
            try {
                if (failure == null) {
                    batch.tracker.delivered(batch.records());
                } else {
                    batch.tracker.failed(batch.records(), failure);
                    if (fatal && series.aborted.compareAndSet(false, true)) {
                        batch.tracker.abort(failure);
                    }
                }
            } finally {
                batch.release();
                inFlight.remove(this);
                slots.release();
                done.complete(null);
            }
        }
    }
}
