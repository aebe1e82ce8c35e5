package dev.dataemulator.minio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.InvalidSettingException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinioSettingsTest {
    private static Map<String, String> minimal() {
        Map<String, String> config = new HashMap<>();
        config.put("endpoint", "http://localhost:9000");
        config.put("access_key", "user");
        config.put("secret_key", "s3cr3t-value");
        return config;
    }

    @Test
    void defaultsMatchTheDocumentation() {
        MinioSettings settings = MinioSettings.parse(minimal(), false);

        assertThat(settings.endpoint()).isEqualTo("http://localhost:9000");
        assertThat(settings.secure()).isFalse();
        assertThat(settings.syncType()).isEqualTo(SyncType.CHUNKED);
        assertThat(settings.format().name()).isEqualTo("jsonl");
        assertThat(settings.maxChunkSize()).isEqualTo(5L * 1024 * 1024);
        assertThat(settings.chunkMaxAge()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.gzip()).isFalse();
        assertThat(settings.prefix()).isEmpty();
        assertThat(settings.uploadConcurrency()).isEqualTo(4);
        assertThat(settings.uploadQueue()).isEqualTo(4);
        assertThat(settings.retries()).isEqualTo(MinioSettings.UNBOUNDED_RETRIES);
        assertThat(settings.retryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.region()).isNull();
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

        MinioSettings settings = MinioSettings.parse(config, false);

        assertThat(settings.endpoint()).isEqualTo("https://minio.internal:9443");
        assertThat(settings.secure()).isTrue();
        assertThat(settings.region()).isEqualTo("eu-west-1");
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
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
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

        assertThatThrownBy(() -> MinioSettings.parse(config, false))
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
        assertThatThrownBy(() -> MinioSettings.parse(config, false))
                .hasMessageContaining("'secure' = 'true': contradicts the scheme of endpoint 'http://localhost:9000'");

        config.remove("secure");
        config.put("endpoint", "http://localhost:9000/bucket");
        assertThatThrownBy(() -> MinioSettings.parse(config, false)).hasMessageContaining("must not contain a path");
    }

    @Test
    void withAGivenClientConnectionSettingsAreRejectedAndNoneIsRequired() {
        assertThat(MinioSettings.parse(Map.of("sync_type", "single"), true).syncType()).isEqualTo(SyncType.SINGLE);
        assertThat(MinioSettings.parse(Map.of("endpoint", "http://s3:9000"), true).endpoint())
                .isEqualTo("http://s3:9000");

        assertThatThrownBy(() -> MinioSettings.parse(Map.of("secret_key", "x"), true))
                .hasMessageContaining("'secret_key' = '****': is not used when the sink is given a MinioClient");
    }

    @Test
    void toStringMasksTheSecretKey() {
        assertThat(MinioSettings.parse(minimal(), false).toString())
                .contains("access_key=user", "secret_key=****")
                .doesNotContain("s3cr3t-value");
    }
}
