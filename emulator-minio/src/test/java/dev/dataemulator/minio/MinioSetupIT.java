package dev.dataemulator.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.testkit.EmbeddedS3;
import dev.dataemulator.testkit.EmbeddedS3Extension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bucket setup against a real S3 server: creation, reuse, and clear, bounded errors. */
class MinioSetupIT {
    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    private static Map<String, String> config(String endpoint, String accessKey, String secretKey) {
        return Map.of("endpoint", endpoint, "access_key", accessKey, "secret_key", secretKey,
                "connect_timeout", "2s", "request_timeout", "5s");
    }

    private static MinioSyncProducer sink() {
        EmbeddedS3 s3 = S3.server();
        return MinioSyncProducer.create(config(s3.endpoint(), s3.accessKey(), s3.secretKey()));
    }

    @Test
    void createsAMissingBucketAndReusesAnExistingOne() {
        try (MinioSyncProducer first = sink(); MinioSyncProducer second = sink()) {
            first.setupResource("setup-reuse");
            first.setupResource("setup-reuse");
            second.setupResource("setup-reuse");
        }
    }

    @Test
    void toleratesConcurrentCreationOfTheSameBucket() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        try (MinioSyncProducer sink = sink()) {
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    sink.setupResource("setup-race");
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsAnIllegalBucketNameBeforeAnyRequest() {
        // the endpoint is unreachable: a request would fail differently
        try (MinioSyncProducer sink = MinioSyncProducer.create(config("http://127.0.0.1:1", "a", "b"))) {
            assertThatThrownBy(() -> sink.setupResource("Bad_Bucket"))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("'bucket' = 'Bad_Bucket'")
                    .hasMessageContaining("lowercase");
            assertThatThrownBy(() -> sink.setupResource("192.168.1.1")).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("IP address");
        }
    }

    @Test
    void wrongCredentialsFailQuicklyNamingTheEndpointButNotTheSecret() {
        EmbeddedS3 s3 = S3.server();
        try (MinioSyncProducer sink = MinioSyncProducer.create(config(s3.endpoint(), s3.accessKey(),
                "wrong-secret-value"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> sink.setupResource("setup-denied"))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining(s3.endpoint())
                    .hasMessageContaining("refused the credentials of access key '" + s3.accessKey() + "'")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret-value"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(sink.toString()).doesNotContain("wrong-secret-value").contains("secret_key=****");
        }
    }

    @Test
    void anUnreachableEndpointFailsWithinTheTimeouts() {
        try (MinioSyncProducer sink = MinioSyncProducer.create(config("http://127.0.0.1:1", "a", "b"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> sink.setupResource("setup-unreachable"))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining("cannot reach the S3 endpoint http://127.0.0.1:1");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void uploadsSurviveAServerRestartThroughRetries() throws Exception {
        EmbeddedS3 s3 = EmbeddedS3.builder().start();
        try (s3; MinioSyncProducer sink = MinioSyncProducer.create(Map.of("endpoint", s3.endpoint(),
                "access_key", s3.accessKey(), "secret_key", s3.secretKey(), "retries", "8",
                "retry_backoff", "100ms", "connect_timeout", "2s"))) {
            sink.setupResource("setup-restart");
            CountingTracker tracker = new CountingTracker();
            s3.stop();
            for (long seq = 0; seq < 50; seq++) {
                sink.produce("setup-restart", "k", TestRecords.parcel("restart", seq, tracker));
            }
            Thread restarter = new Thread(() -> {
                try {
                    Thread.sleep(700);
                    s3.restart();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            restarter.start();
            sink.flush();
            restarter.join();
            assertThat(tracker.delivered.sum()).isEqualTo(50);
            assertThat(tracker.failed.sum()).isZero();
        }
    }
}
