package dev.dataemulator.minio.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads chunks that reached {@code chunk_max_age} before they were full: checks about four times per age limit
 * (at least every 10 ms, at most every second) on one daemon thread.
 */
final class ChunkAger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkAger.class);

    private final ScheduledExecutorService timer;

    ChunkAger(Duration maxAge, SeriesBuffers buffers, Consumer<Batch> upload, String threadName, String server) {
        long maxAgeNanos = maxAge.toNanos();
        long period = Math.max(10, Math.min(1000, maxAge.toMillis() / 4));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> ObjectSink.daemon(r, threadName));
        this.timer.scheduleWithFixedDelay(() -> {
            try {
                buffers.drainCreatedBy(System.nanoTime() - maxAgeNanos, upload);
            } catch (RuntimeException e) {
                LOG.warn("Uploading aged chunks to {} failed: {}", server, e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops checking. A check under way may finish handing its chunks on (an interrupt there would fail their
     * records), for up to 10 s; then it is interrupted.
     */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
