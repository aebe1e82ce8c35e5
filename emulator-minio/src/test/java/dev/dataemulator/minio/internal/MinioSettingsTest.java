package dev.dataemulator.minio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.core.support.ObjectSink;
import dev.dataemulator.core.support.ObjectSinkSettings;
import dev.dataemulator.core.support.SyncType;
import dev.dataemulator.minio.MinioStore;
import java.util.Set;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connection settings of the {@code minio} store, and the shared ones read with them through the sink. */
class MinioSettingsTest {
    /** The store's own settings, read as the sink reads them. */
    private static MinioSettings connection(Map<String, String> config, boolean clientGiven) {
        SinkConfig c = new SinkConfig("minio", config, Set.of());
        MinioSettings settings = MinioSettings.read(c, clientGiven);
        c.validate();
        return settings;
    }

    /** The shared settings, read through the whole {@code minio} sink. */
    private static ObjectSinkSettings shared(Map<String, String> config) {
        try (ObjectSink sink = MinioStore.sink(config)) {
            return sink.settings();
        }
    }
    private static Map<String, String> minimal() {
        Map<String, String> config = new HashMap<>();
        config.put("endpoint", "http://localhost:9000");
        config.put("access_key", "user");
        config.put("secret_key", "s3cr3t-value");
        return config;
    }

    @Test
    void defaultsMatchTheDocumentation() {
        MinioSettings connection = connection(minimal(), false);
        ObjectSinkSettings settings = shared(minimal());

        assertThat(connection.endpoint()).isEqualTo("http://localhost:9000");
        assertThat(connection.secure()).isFalse();
        assertThat(connection.region()).isNull();
        assertThat(settings.syncType()).isEqualTo(SyncType.CHUNKED);
        assertThat(settings.format().name()).isEqualTo("jsonl");
        assertThat(settings.maxChunkSize()).isEqualTo(5L * 1024 * 1024);
        assertThat(settings.chunkMaxAge()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.gzip()).isFalse();
        assertThat(settings.prefix()).isEmpty();
        assertThat(settings.uploadConcurrency()).isEqualTo(4);
        assertThat(settings.uploadQueue()).isEqualTo(4);
        assertThat(settings.retries()).isEqualTo(ObjectSinkSettings.UNBOUNDED_RETRIES);
        assertThat(settings.retryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.maxOpenPartitions()).isEqualTo(1024);
        assertThat(settings.maxOpenBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(settings.toString()).contains("retries=unbounded", "retry_timeout=PT2M");
    }

    @Test
    void readsEverySetting() {
        Map<String, String> config = minimal();
        config.put("endpoint", "minio.internal:9443");
        config.put("secure", "true");
        config.put("region", "eu-west-1");
        config.put("sync_type", "GROUPED");
        config.put("format_type", "csv");
        config.put("max_chunk_size", "8MiB");
        config.put("chunk_max_age", "2m");
        config.put("gzip", "true");
        config.put("prefix", "/a/b/");
        config.put("upload_concurrency", "8");
        config.put("upload_queue", "0");
        config.put("retries", "0");
        config.put("retry_backoff", "1s");
        config.put("retry_timeout", "30s");
        config.put("connect_timeout", "3s");
        config.put("request_timeout", "PT20S");
        config.put("close_timeout", "5");

        MinioSettings connection = connection(config, false);
        ObjectSinkSettings settings = shared(config);

        assertThat(connection.endpoint()).isEqualTo("https://minio.internal:9443");
        assertThat(connection.secure()).isTrue();
        assertThat(connection.region()).isEqualTo("eu-west-1");
        assertThat(connection.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(connection.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.syncType()).isEqualTo(SyncType.GROUPED);
        assertThat(settings.format().name()).isEqualTo("csv");
        assertThat(settings.maxChunkSize()).isEqualTo(8L * 1024 * 1024);
        assertThat(settings.chunkMaxAge()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.gzip()).isTrue();
        assertThat(settings.prefix()).isEqualTo("a/b/");
        assertThat(settings.uploadConcurrency()).isEqualTo(8);
        assertThat(settings.uploadQueue()).isZero();
        assertThat(settings.retries()).isZero();
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.retryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void reportsEveryProblemAtOnceAndNeverTheSecret() {
        Map<String, String> config = new HashMap<>();
        config.put("endpoint", "ftp://host");
        config.put("secret_key", "s3cr3t-value");
        config.put("sync_type", "streamed");
        config.put("format_type", "xml");
        config.put("max_chunk_size", "512");
        config.put("max_chunk_sise", "5MB");

        assertThatThrownBy(() -> MinioStore.sink(config))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'endpoint' = 'ftp://host'")
                .hasMessageContaining("'access_key' = null: is required")
                .hasMessageContaining("'sync_type' = 'streamed': expected one of single, grouped, chunked")
                .hasMessageContaining("'format_type' = 'xml': No format 'xml' (found: [csv, json, jsonl])")
                .hasMessageContaining("'max_chunk_size' = '512'")
                .hasMessageContaining("between 1024 and")
                .hasMessageContaining("'max_chunk_sise' = '5MB': is not a setting of the 'minio' sink")
                .satisfies(e -> assertThat(((InvalidSettingException) e).violations()).hasSize(6))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-value"));
    }

    @Test
    void rejectsASchemeThatContradictsSecureAndAnEndpointWithAPath() {
        Map<String, String> config = minimal();
        config.put("secure", "true");
        assertThatThrownBy(() -> MinioStore.sink(config))
                .hasMessageContaining("'secure' = 'true': contradicts the scheme of endpoint 'http://localhost:9000'");

        config.remove("secure");
        config.put("endpoint", "http://localhost:9000/bucket");
        assertThatThrownBy(() -> MinioStore.sink(config)).hasMessageContaining("must not contain a path");
    }

    @Test
    void withAGivenClientConnectionSettingsAreRejectedAndNoneIsRequired() {
        io.minio.MinioClient client = io.minio.MinioClient.builder().endpoint("http://s3:9000")
                .credentials("a", "b").build();
        try (ObjectSink sink = MinioStore.sink(Map.of("sync_type", "single"), client)) {
            assertThat(sink.settings().syncType()).isEqualTo(SyncType.SINGLE);
            assertThat(sink.toString()).contains("the given MinioClient");
        }
        assertThat(connection(Map.of("endpoint", "http://s3:9000"), true).endpoint()).isEqualTo("http://s3:9000");

        assertThatThrownBy(() -> MinioStore.sink(Map.of("secret_key", "x"), client))
                .hasMessageContaining("'secret_key' = '****': is not used when the sink is given a MinioClient");
    }

    @Test
    void toStringMasksTheSecretKey() {
        assertThat(connection(minimal(), false).toString())
                .contains("access_key=user", "secret_key=****")
                .doesNotContain("s3cr3t-value");
        try (ObjectSink sink = MinioStore.sink(minimal())) {
            assertThat(sink.toString()).contains("http://localhost:9000").doesNotContain("s3cr3t-value");
        }
    }
}
