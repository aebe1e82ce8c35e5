package dev.dataemulator.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.support.ObjectSink;
import dev.dataemulator.testkit.EmbeddedS3;
import dev.dataemulator.testkit.EmbeddedS3Extension;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bucket setup against a real S3 server: creation, reuse, and clear, bounded errors. */
class MinioSetupIT {
    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();
    /** Far above the 2 s connect and 5 s request timeouts the sinks here use. */
    private static final Duration CEILING = Duration.ofSeconds(60);

    private static Map<String, String> config(String endpoint, String accessKey, String secretKey) {
        return Map.of("endpoint", endpoint, "access_key", accessKey, "secret_key", secretKey,
                "connect_timeout", "2s", "request_timeout", "5s");
    }

    private static ObjectSink sink() {
        EmbeddedS3 s3 = S3.server();
        return MinioStore.sink(config(s3.endpoint(), s3.accessKey(), s3.secretKey()));
    }

    private static MinioClient reader() {
        EmbeddedS3 s3 = S3.server();
        return MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).build();
    }

    @Test
    void createsAMissingBucketAndReusesAnExistingOne() throws Exception {
        try (MinioClient reader = reader()) {
            assertThat(reader.bucketExists(BucketExistsArgs.builder().bucket("setup-reuse").build())).isFalse();
            try (ObjectSink first = sink(); ObjectSink second = sink()) {
                first.setupResource("setup-reuse");
                assertThat(reader.bucketExists(BucketExistsArgs.builder().bucket("setup-reuse").build())).isTrue();
                byte[] marker = "kept".getBytes(StandardCharsets.UTF_8);
                reader.putObject(PutObjectArgs.builder().bucket("setup-reuse").object("marker")
                        .stream(new ByteArrayInputStream(marker), marker.length, -1).build());

                first.setupResource("setup-reuse");
                second.setupResource("setup-reuse");
            }
            // reused, not recreated: what the bucket held is still there
            try (InputStream in = reader.getObject(GetObjectArgs.builder().bucket("setup-reuse").object("marker")
                    .build())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("kept");
            }
        }
    }

    @Test
    void toleratesConcurrentCreationOfTheSameBucket() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        try (ObjectSink sink = sink()) {
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    sink.setupResource("setup-race");
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                assertThat(result).succeedsWithin(Duration.ofSeconds(30));
            }
        } finally {
            pool.shutdownNow();
        }
        try (MinioClient reader = reader()) {
            assertThat(reader.bucketExists(BucketExistsArgs.builder().bucket("setup-race").build())).isTrue();
        }
    }

    @Test
    void rejectsAnIllegalBucketNameBeforeAnyRequest() {
        // the endpoint is unreachable: a request would fail differently
        try (ObjectSink sink = MinioStore.sink(config("http://127.0.0.1:1", "a", "b"))) {
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
        try (ObjectSink sink = MinioStore.sink(config(s3.endpoint(), s3.accessKey(),
                "wrong-secret-value"))) {
            // bounded by the timeouts (2 s connect, 5 s request); the ceiling is generous for a busy machine
            assertTimeoutPreemptively(CEILING, () -> assertThatThrownBy(() -> sink.setupResource("setup-denied"))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining(s3.endpoint())
                    .hasMessageContaining("refused the credentials of access key '" + s3.accessKey() + "'")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret-value")));
            assertThat(sink.toString()).doesNotContain("wrong-secret-value").contains(s3.endpoint());
        }
    }

    @Test
    void anUnreachableEndpointFailsWithinTheTimeouts() {
        try (ObjectSink sink = MinioStore.sink(config("http://127.0.0.1:1", "a", "b"))) {
            assertTimeoutPreemptively(CEILING, () -> assertThatThrownBy(() -> sink.setupResource("setup-unreachable"))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining("cannot reach the S3 endpoint http://127.0.0.1:1"));
        }
    }
}
