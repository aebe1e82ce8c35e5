package dev.dataemulator.core.support;

import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.DeliveryTracker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A bounded pool of threads that put finished objects into their store. {@link #submit} blocks while every slot ({@code upload_concurrency} running plus
 * {@code upload_queue} waiting) is taken, so memory stays bounded. Each batch's records are reported to its tracker
 * exactly once: delivered, or failed (after the retries, or when the pool closes before the upload ends); a fatal
 * failure also aborts the batch's emulation, once.
 *
 * <p>Thread-safe.
 */
final class UploadPool {
    private final UploadRetry retry;
    private final Consumer<Batch> stored;
    private final String server;
    private final ThreadPoolExecutor threads;
    private final Semaphore slots;
    private final Map<Upload, Boolean> inFlight = new ConcurrentHashMap<>();
    /** Trackers already aborted: a burst of failed uploads of one emulation aborts it once. Weak: runs end. */
    private final Map<DeliveryTracker, Boolean> aborted = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param stored told of each batch once its object is stored, before its records are reported delivered
     */
    UploadPool(ObjectSinkSettings settings, UploadRetry retry, String server, String threadPrefix,
            Consumer<Batch> stored) {
        this.stored = stored;
        this.retry = retry;
        this.server = server;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(settings.uploadConcurrency(), settings.uploadConcurrency(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> ObjectSink.daemon(r, threadPrefix + "-upload-"
                        + count.incrementAndGet()));
        this.threads.allowCoreThreadTimeOut(true);
        this.slots = new Semaphore(settings.uploadConcurrency() + settings.uploadQueue());
    }

    /**
     * Queues the batch to be completed and stored, blocking while every slot is taken. Completing its encoding
     * (a Parquet file's last row group, its footer) is done on the put thread too, so that the many objects a
     * partitioned run completes at its end are finished in parallel. When the caller is interrupted while waiting,
     * the batch's records are reported failed here.
     */
    void submit(Batch batch) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            // the records were taken by earlier produce calls: they must be reported, not lost
            Thread.currentThread().interrupt();
            batch.tracker().failed(batch.records(), new SinkException("Interrupted before uploading " + batch, e));
            batch.release();
            return;
        }
        Upload upload = new Upload(batch);
        inFlight.put(upload, Boolean.TRUE);
        try {
            threads.execute(upload);
        } catch (RuntimeException e) {
            upload.finish(new SinkException("The sink for " + server + " is closed; " + batch
                    + " was not uploaded", e), false);
        }
    }

    /**
     * Waits for every upload submitted so far.
     *
     * @param timeout the longest wait, {@code null} for no bound
     * @return whether all of them ended in time
     */
    boolean awaitAll(Duration timeout) {
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        for (Upload upload : new ArrayList<>(inFlight.keySet())) {
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
                return false;
            } catch (ExecutionException e) {
                // never completed exceptionally; outcomes are reported to the trackers
            }
        }
        return true;
    }

    /** Stops the threads (interrupting uploads and their retries) and reports every unfinished upload failed. */
    void shutdown(Duration waited) {
        threads.shutdownNow();
        List<Upload> left = new ArrayList<>(inFlight.keySet());
        for (Upload upload : left) {
            upload.finish(new SinkException("Upload of " + upload.batch + " to " + server
                    + " did not finish within the close timeout " + waited), false);
        }
    }

    /** @return uploads running or waiting */
    int inFlight() {
        return inFlight.size();
    }

    private final class Upload implements Runnable {
        final Batch batch;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final AtomicBoolean reported = new AtomicBoolean();

        Upload(Batch batch) {
            this.batch = batch;
        }

        @Override
        public void run() {
            try {
                batch.finish();
            } catch (IOException | RuntimeException e) {
                finish(new SinkException("Completing " + batch + " failed: " + e, e), false);
                return;
            }
            UploadRetry.Failure failure = retry.upload(batch);
            // the upload has returned: nothing reads the batch's bytes any more, so its array may be reused
            finish(failure == null ? null : failure.error(), failure != null && failure.fatal(), true);
        }

        void finish(Throwable failure, boolean fatal) {
            finish(failure, fatal, false);
        }

        /** Reports the batch's records exactly once, frees its slot, its spool file and (when safe) its array. */
        private void finish(Throwable failure, boolean fatal, boolean recycle) {
            if (!reported.compareAndSet(false, true)) {
                return;
            }
            try {
                if (failure == null) {
                    stored.accept(batch);
                    batch.tracker().delivered(batch.records());
                } else {
                    batch.tracker().failed(batch.records(), failure);
                    if (fatal && aborted.put(batch.tracker(), Boolean.TRUE) == null) {
                        batch.tracker().abort(failure);
                    }
                }
            } finally {
                if (recycle) {
                    batch.recycle();
                } else {
                    batch.release();
                }
                inFlight.remove(this);
                slots.release();
                done.complete(null);
            }
        }
    }
}
