package dev.dataemulator.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.jdbc.CountingTracker;
import dev.dataemulator.jdbc.internal.BatchWriter.Row;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every row handed to the writer is reported delivered or failed, also when it races or outlives {@code close}. */
class BatchWriterTest {

    @TempDir
    Path dir;

    @Test
    void aBatchHandedOverAfterCloseIsCountedFailedAndNeverAwaited() {
        JdbcSettings settings = settings();
        CountingTracker tracker = new CountingTracker();
        BatchWriter writer = new BatchWriter(settings);
        Table table = table(settings);
        writer.submit(table, rows(table, 0, 5, tracker));
        writer.close();

        writer.submit(table, rows(table, 5, 3, tracker));

        assertThat(tracker.delivered.get()).isEqualTo(5);
        assertThat(tracker.failed.get()).isEqualTo(3);
        assertThat(tracker.aborts).isNotEmpty();
        CompletableFuture<Void> awaited = CompletableFuture.runAsync(writer::awaitWritten);
        await().atMost(Duration.ofSeconds(10)).until(awaited::isDone);
    }

    @Test
    void batchesStillQueuedWhenCloseGivesUpAreCountedFailed() throws Exception {
        JdbcSettings settings = settings();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountingTracker stuck = new CountingTracker();
        DeliveryTracker stuckOnDelivery = new DeliveryTracker() { // holds the writer inside its first batch
            @Override
            public void delivered(long records) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stuck.delivered(records);
            }

            @Override
            public void failed(long records, Throwable cause) {
                stuck.failed(records, cause);
            }

            @Override
            public void abort(Throwable cause) {
                stuck.abort(cause);
            }
        };
        CountingTracker queued = new CountingTracker();
        BatchWriter writer = new BatchWriter(settings, Duration.ofMillis(200));
        Table table = table(settings);
        writer.submit(table, rows(table, 0, 4, stuckOnDelivery));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        writer.submit(table, rows(table, 4, 6, queued));
        writer.submit(table, rows(table, 10, 7, queued)); // the queue holds two batches: both are waiting now

        CompletableFuture<Void> closing = CompletableFuture.runAsync(writer::close);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> queued.failed.get() == 13);
        } finally {
            release.countDown();
        }
        closing.get(30, TimeUnit.SECONDS);

        assertThat(queued.delivered.get()).isZero();
        assertThat(queued.aborts).isNotEmpty();
        assertThat(stuck.delivered.get()).isEqualTo(4);
        assertThat(stuck.failed.get()).isZero();
    }

    private JdbcSettings settings() {
        return JdbcSettings.parse(Map.of("url", "jdbc:duckdb:" + dir.resolve("rows.duckdb"), "retry_timeout", "1s"));
    }

    private static Table table(JdbcSettings settings) {
        return Table.resolve(settings, "transactions", Fixtures.of("transaction").records(1).get(0));
    }

    private static List<Row> rows(Table table, long from, int count, DeliveryTracker tracker) {
        return Fixtures.of("transaction").records(from, count).stream()
                .map(r -> new Row(table.read(r), null, tracker, r.emulationId(), r.domain(), r.lane(),
                        r.position()))
                .collect(Collectors.toList());
    }
}
