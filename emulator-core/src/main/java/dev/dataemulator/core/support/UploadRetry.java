package dev.dataemulator.core.support;

import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ObjectStore.FailureKind;
import dev.dataemulator.core.spi.ObjectStore;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a batch into its store, retrying the failures the store calls transient (network errors, timeouts, 5xx,
 * throttling) for a time budget,
 * {@code retry_timeout}, rather than a number of attempts: a server restart of a few seconds costs nothing, while a
 * server gone for good ends the run after the budget.
 *
 * <p>The budget runs from the first failure since the last successful upload, and is shared by every upload of the
 * sink: once the store has failed for the whole budget, every upload gives up together (one attempt each) instead of
 * each starting a budget of its own, so the end of a run against a vanished server is bounded by {@code
 * retry_timeout} plus one attempt, not by a multiple of it. Delays grow exponentially from {@code retry_backoff} up to
 * {@link ObjectSinkSettings#MAX_RETRY_BACKOFF}, with jitter, and never overshoot the budget. An explicit {@code retries}
 * count bounds the attempts as well. Non-transient failures (refused credentials, a vanished bucket, other 4xx) are
 * not retried. The store sorts its failures ({@link ObjectStore#classify}).
 *
 * <p>Thread-safe; one instance serves every upload thread of a sink.
 */
final class UploadRetry {
    private static final Logger LOG = LoggerFactory.getLogger(UploadRetry.class);
    private static final long NO_FAILURE = Long.MIN_VALUE;

    private final ObjectStore store;
    private final ObjectSinkSettings settings;
    private final String server;
    private final LongSupplier nanoTime;
    /** {@link #nanoTime} of the first failure since the last success, or {@link #NO_FAILURE}. */
    private final AtomicLong failingSince = new AtomicLong(NO_FAILURE);

    UploadRetry(ObjectStore store, ObjectSinkSettings settings, String server, LongSupplier nanoTime) {
        this.store = store;
        this.settings = settings;
        this.server = server;
        this.nanoTime = nanoTime;
    }

    /** Why an upload gave up. */
    record Failure(SinkException error, boolean fatal) {
    }

    /**
     * Uploads the batch, retrying within the budget.
     *
     * @return {@code null} when the object was stored; otherwise the failure, and whether it makes further uploads
     *     pointless (refused credentials, a vanished bucket, a store failing for the whole budget)
     */
    Failure upload(Batch batch) {
        long budget = settings.retryTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            Exception error;
            try {
                store.put(batch.container, batch.key, batch);
                failingSince.set(NO_FAILURE);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Failure(failed(batch, " (interrupted)", e), false);
            } catch (Exception e) {
                error = e;
            }
            FailureKind kind = store.classify(error);
            boolean unreachable = kind == FailureKind.UNREACHABLE;
            String reach = unreachable ? ": cannot reach the " + store.kind() : "";
            if (kind != FailureKind.TRANSIENT && !unreachable) {
                return new Failure(failed(batch, "", error), kind == FailureKind.FATAL);
            }
            long now = nanoTime.getAsLong();
            long since = failingSince.get();
            if (since == NO_FAILURE && !failingSince.compareAndSet(NO_FAILURE, now)) {
                since = failingSince.get(); // another upload started the budget, or a success just ended it
            }
            long failing = since == NO_FAILURE ? 0 : now - since;
            if (failing >= budget) {
                // the store has failed for the whole budget: taken to be gone, so the emulation ends instead of
                // counting every later record failed
                return new Failure(failed(batch, " after " + attempt + " attempt(s); the " + store.kind()
                        + " has failed for " + format(Duration.ofNanos(failing)) + " ("
                        + ObjectSinkSettings.RETRY_TIMEOUT + " " + format(settings.retryTimeout()) + ")" + reach,
                        error), true);
            }
            if (attempt > settings.retries()) {
                return new Failure(failed(batch, " after " + attempt + " attempt(s) (" + ObjectSinkSettings.RETRIES
                        + " " + settings.retries() + ")" + reach, error), unreachable);
            }
            LOG.debug("Upload of {} to {} failed (attempt {}), retrying: {}", batch, server, attempt,
                    error.toString());
            if (!sleep(Math.min(backoffNanos(attempt), budget - failing))) {
                return new Failure(failed(batch, " (interrupted while retrying)", error), false);
            }
        }
    }

    /** @return the delay before attempt {@code attempt + 1}: doubling from {@code retry_backoff}, capped, jittered */
    long backoffNanos(int attempt) {
        long first = settings.retryBackoff().toNanos();
        long cap = ObjectSinkSettings.MAX_RETRY_BACKOFF.toNanos();
        long delay = first > cap >> Math.min(62, attempt - 1) ? cap : Math.min(cap, first << (attempt - 1));
        return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    }

    private SinkException failed(Batch batch, String how, Exception error) {
        return new SinkException("Upload of " + batch + " to " + server + " failed" + how + ": "
                + store.describe(error), error);
    }

    private static boolean sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, nanos));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 || millis >= 10_000 ? (millis / 1000) + " s" : millis + " ms";
    }
}
