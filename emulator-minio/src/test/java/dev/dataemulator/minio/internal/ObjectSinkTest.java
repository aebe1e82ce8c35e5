package dev.dataemulator.minio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.ObjectStore;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.core.support.ObjectSink;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.ErrorResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/** The sink's accounting against a scripted store: every record reported exactly once, whatever the store does. */
class ObjectSinkTest {

    /** A store whose uploads run a script; records what it stored. */
    static final class ScriptedStore implements ObjectStore {
        interface Script {
            void put(String key, int attempt) throws Exception;
        }

        final Map<String, byte[]> objects = new HashMap<>();
        final AtomicInteger attempts = new AtomicInteger();
        volatile Script script = (key, attempt) -> { };

        @Override
        public void createContainer(String bucket) {
        }

        @Override
        public void put(String bucket, String key, Content object) throws Exception {
            script.put(key, attempts.getAndIncrement());
            try (InputStream in = object.open()) {
                byte[] bytes = in.readAllBytes();
                assertThat(bytes).hasSize((int) object.size());
                synchronized (objects) {
                    objects.put(key, bytes);
                }
            }
        }

        @Override
        public String objectName(String bucket, String key) {
            return "s3://" + bucket + "/" + key;
        }

        @Override
        public String kind() {
            return "S3 endpoint";
        }

        @Override
        public FailureKind classify(Exception failure) {
            return Failures.kind(failure);
        }

        @Override
        public String describe(Exception failure) {
            return Failures.describe(failure);
        }

        @Override
        public String toString() {
            return "http://s3.test:9000";
        }
    }

    static final class Counting implements DeliveryTracker {
        final LongAdder delivered = new LongAdder();
        final LongAdder failed = new LongAdder();
        final List<Throwable> aborts = new CopyOnWriteArrayList<>();

        @Override
        public void delivered(long records) {
            delivered.add(records);
        }

        @Override
        public void failed(long records, Throwable cause) {
            failed.add(records);
        }

        @Override
        public void abort(Throwable cause) {
            aborts.add(cause);
        }
    }

    record Data(long seq) implements RecordData {
        @Override
        public String key() {
            return "k" + seq;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.integer("seq", seq);
        }
    }

    private static EmulatedRecord record(long seq, DeliveryTracker tracker) {
        byte[] json = ("{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(90) + "\"}").getBytes(StandardCharsets.UTF_8);
        return Fixtures.record(new Data(seq)).emulationId("e1").domain("d").seq(seq).json(json).tracker(tracker).build();
    }

    private static ObjectSink sink(ScriptedStore store, String... settings) {
        Map<String, String> config = new HashMap<>(Map.of("retry_backoff", "1ms"));
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return ObjectSink.create(new ObjectStore.Factory() {
            @Override
            public String sink() {
                return "minio";
            }

            @Override
            public List<String> keys() {
                return List.of();
            }

            @Override
            public Supplier<ObjectStore> read(SinkConfig c) {
                return () -> store;
            }
        }, config, FormatRegistry.discover(), System::nanoTime);
    }

    @Test
    void chunksHoldAtMostMaxChunkSizePlusOneRecordAndAllAreDelivered() {
        ScriptedStore store = new ScriptedStore();
        Counting tracker = new Counting();
        try (var closer = new Closer(sink(store, "max_chunk_size", "1KiB"))) {
            for (int seq = 0; seq < 100; seq++) {
                closer.sink.produce("b", "k", record(seq, tracker));
            }
            closer.sink.flush();
        }
        assertThat(tracker.delivered.sum()).isEqualTo(100);
        assertThat(tracker.failed.sum()).isZero();
        assertThat(store.objects).hasSizeGreaterThan(5)
                .allSatisfy((key, bytes) -> assertThat(bytes.length).isLessThanOrEqualTo(1024 + 120));
        assertThat(store.objects.keySet()).allSatisfy(key -> assertThat(key).matches("d/e1/part-\\d{6}\\.jsonl"));
    }

    @Test
    void reusedChunkArraysNeverMixTheBytesOfTwoObjects() {
        ScriptedStore store = new ScriptedStore();
        Counting tracker = new Counting();
        try (var closer = new Closer(sink(store, "max_chunk_size", "1KiB", "upload_concurrency", "2",
                "upload_queue", "1"))) {
            for (int seq = 0; seq < 2_000; seq++) {
                closer.sink.produce("b", "k", record(seq, tracker));
            }
            closer.sink.flush();
        }
        assertThat(tracker.delivered.sum()).isEqualTo(2_000);
        java.util.Set<Long> seqs = new java.util.HashSet<>();
        store.objects.forEach((key, bytes) -> {
            String body = new String(bytes, StandardCharsets.UTF_8);
            assertThat(body).as(key).endsWith("\n");
            for (String line : body.split("\n")) {
                assertThat(line).as(key).matches("\\{\"seq\":\\d+,\"pad\":\"x{90}\"}");
                assertThat(seqs.add(Long.parseLong(line.substring(7, line.indexOf(','))))).as(line).isTrue();
            }
        });
        assertThat(seqs).hasSize(2_000);
    }

    @Test
    void transientFailuresAreRetried() {
        ScriptedStore store = new ScriptedStore();
        store.script = (key, attempt) -> {
            if (attempt < 2) {
                throw new ConnectException("Connection refused");
            }
        };
        Counting tracker = new Counting();
        try (var closer = new Closer(sink(store))) {
            closer.sink.produce("b", "k", record(1, tracker));
            closer.sink.flush();
        }
        assertThat(store.attempts).hasValue(3);
        assertThat(tracker.delivered.sum()).isEqualTo(1);
    }

    @Test
    void aChunkThatKeepsFailingIsCountedFailedNotDropped() {
        ScriptedStore store = new ScriptedStore();
        store.script = (key, attempt) -> {
            throw new IOException("broken pipe");
        };
        Counting tracker = new Counting();
        try (var closer = new Closer(sink(store, "retries", "2", "max_chunk_size", "1KiB"))) {
            for (int seq = 0; seq < 30; seq++) {
                closer.sink.produce("b", "k", record(seq, tracker));
            }
            closer.sink.flush();
        }
        assertThat(tracker.failed.sum()).isEqualTo(30);
        assertThat(tracker.delivered.sum()).isZero();
        assertThat(tracker.aborts).isEmpty();
    }

    @Test
    void refusedCredentialsFailTheRecordsAndAbortTheEmulationOnce() {
        ScriptedStore store = new ScriptedStore();
        store.script = (key, attempt) -> {
            throw errorResponse("AccessDenied", 403);
        };
        Counting tracker = new Counting();
        try (var closer = new Closer(sink(store, "max_chunk_size", "1KiB"))) {
            for (int seq = 0; seq < 40; seq++) {
                closer.sink.produce("b", "k", record(seq, tracker));
            }
            closer.sink.flush();
        }
        assertThat(tracker.failed.sum()).isEqualTo(40);
        assertThat(tracker.aborts).hasSize(1);
        assertThat(tracker.aborts.get(0)).hasMessageContaining("AccessDenied").hasMessageContaining("s3.test");
        assertThat(store.attempts.get()).isLessThanOrEqualTo(10);
    }

    @Test
    void producersBlockWhileEveryUploadSlotIsBusy() throws Exception {
        ScriptedStore store = new ScriptedStore();
        CountDownLatch release = new CountDownLatch(1);
        store.script = (key, attempt) -> release.await();
        Counting tracker = new Counting();
        ObjectSink sink = sink(store, "sync_type", "single", "upload_concurrency", "1",
                "upload_queue", "1");
        try (var closer = new Closer(sink)) {
            sink.produce("b", "k", record(0, tracker));
            sink.produce("b", "k", record(1, tracker));
            AtomicBoolean thirdTaken = new AtomicBoolean();
            Thread third = new Thread(() -> {
                sink.produce("b", "k", record(2, tracker));
                thirdTaken.set(true);
            });
            third.start();
            // parked on the upload slots, not merely slow: WAITING is the state of a thread blocked on a semaphore
            await().atMost(Duration.ofSeconds(30)).until(() -> third.getState() == Thread.State.WAITING);
            assertThat(thirdTaken).as("third producer blocked").isFalse();
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).untilTrue(thirdTaken);
            sink.flush();
        }
        assertThat(tracker.delivered.sum()).isEqualTo(3);
        assertThat(store.objects.keySet()).containsExactlyInAnyOrder("d/e1/record-000000000000.jsonl",
                "d/e1/record-000000000001.jsonl", "d/e1/record-000000000002.jsonl");
    }

    @Test
    void closeCountsUploadsThatDoNotFinishInTimeAsFailedExactlyOnce() {
        ScriptedStore store = new ScriptedStore();
        CountDownLatch never = new CountDownLatch(1);
        store.script = (key, attempt) -> never.await();
        Counting tracker = new Counting();
        ObjectSink sink = sink(store, "close_timeout", "200ms");
        for (int seq = 0; seq < 5; seq++) {
            sink.produce("b", "k", record(seq, tracker));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            sink.close();
            sink.close();
        });
        assertThat(tracker.failed.sum()).isEqualTo(5);
        assertThat(tracker.delivered.sum()).isZero();
        assertThatThrownBy(() -> sink.produce("b", "k", record(9, tracker))).isInstanceOf(SinkException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void retriesForATimeBudgetRatherThanACount() {
        ScriptedStore store = new ScriptedStore();
        // more failures than the old default of three retries allowed, over well under the budget (about 1 s)
        store.script = (key, attempt) -> {
            if (attempt < 10) {
                throw new ConnectException("Connection refused");
            }
        };
        Counting tracker = new Counting();
        try (var closer = new Closer(sink(store, "retry_timeout", "1m"))) {
            closer.sink.produce("b", "k", record(1, tracker));
            closer.sink.flush();
        }
        assertThat(store.attempts).hasValue(11);
        assertThat(tracker.delivered.sum()).isEqualTo(1);
        assertThat(tracker.failed.sum()).isZero();
        assertThat(tracker.aborts).isEmpty();
    }

    @Test
    void aStoreFailingForTheWholeBudgetFailsEveryUploadAndAbortsOnce() {
        ScriptedStore store = new ScriptedStore();
        store.script = (key, attempt) -> {
            throw new ConnectException("Connection refused");
        };
        Counting tracker = new Counting();
        try (var closer = new Closer(sink(store, "retry_timeout", "300ms", "max_chunk_size", "1KiB",
                "upload_concurrency", "2", "upload_queue", "2"))) {
            for (int seq = 0; seq < 60; seq++) {
                closer.sink.produce("b", "k", record(seq, tracker));
            }
            closer.sink.flush();
        }
        assertThat(tracker.failed.sum()).isEqualTo(60);
        assertThat(tracker.delivered.sum()).isZero();
        assertThat(tracker.aborts).hasSize(1);
        assertThat(tracker.aborts.get(0)).hasMessageContaining("retry_timeout 300 ms")
                .hasMessageContaining("cannot reach the S3 endpoint").hasMessageContaining("ConnectException");
    }

    @Test
    void aSuccessfulUploadStartsTheBudgetAfresh() {
        ScriptedStore store = new ScriptedStore();
        AtomicInteger calls = new AtomicInteger();
        // every other attempt fails: the store keeps failing for longer than the budget, never for the whole of it
        store.script = (key, attempt) -> {
            if (calls.getAndIncrement() % 2 == 0) {
                TimeUnit.MILLISECONDS.sleep(30);
                throw new ConnectException("Connection refused");
            }
        };
        Counting tracker = new Counting();
        try (var closer = new Closer(sink(store, "retry_timeout", "100ms", "max_chunk_size", "1KiB",
                "upload_concurrency", "1", "upload_queue", "0"))) {
            for (int seq = 0; seq < 60; seq++) {
                closer.sink.produce("b", "k", record(seq, tracker));
            }
            closer.sink.flush();
        }
        assertThat(tracker.delivered.sum()).isEqualTo(60);
        assertThat(tracker.aborts).isEmpty();
    }

    @Test
    void nonTransientFailuresAreNotRetried() {
        ScriptedStore store = new ScriptedStore();
        store.script = (key, attempt) -> {
            throw errorResponse("NoSuchBucket", 404);
        };
        Counting tracker = new Counting();
        try (var closer = new Closer(sink(store, "max_chunk_size", "1KiB"))) {
            for (int seq = 0; seq < 30; seq++) {
                closer.sink.produce("b", "k", record(seq, tracker));
            }
            closer.sink.flush();
        }
        assertThat(tracker.failed.sum()).isEqualTo(30);
        assertThat(tracker.aborts).hasSize(1);
        assertThat(store.objects).isEmpty();
        // one attempt per object: the chunks of 30 records of about 110 bytes at 1 KiB each
        assertThat(store.attempts.get()).isBetween(3, 4);
    }

    @Test
    void groupedModeWritesOneObjectAtFlush() {
        ScriptedStore store = new ScriptedStore();
        Counting tracker = new Counting();
        try (var closer = new Closer(sink(store, "sync_type", "grouped", "format_type", "json"))) {
            for (int seq = 0; seq < 500; seq++) {
                closer.sink.produce("b", "k", record(seq, tracker));
            }
            assertThat(store.objects).isEmpty();
            assertThat(tracker.delivered.sum()).isZero();
            closer.sink.flush();
        }
        assertThat(store.objects).containsOnlyKeys("d/e1/part-000000.json");
        String body = new String(store.objects.get("d/e1/part-000000.json"), StandardCharsets.UTF_8);
        assertThat(body).startsWith("[{\"seq\":0,").endsWith("}]");
        assertThat(tracker.delivered.sum()).isEqualTo(500);
    }

    static ErrorResponseException errorResponse(String code, int status) {
        Request request = new Request.Builder().url("http://s3.test:9000/b/k").build();
        Response response = new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(status)
                .message("denied").body(ResponseBody.create("", MediaType.get("application/xml"))).build();
        return new ErrorResponseException(new ErrorResponse(code, "Access Denied.", "b", "k", "/b/k", "r", "h"),
                response, null);
    }

    /** Closes the sink at the end of a try block. */
    private record Closer(ObjectSink sink) implements AutoCloseable {
        @Override
        public void close() {
            sink.close();
        }
    }
}
