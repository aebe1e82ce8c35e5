package dev.dataemulator.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.InvalidSettingException.Violation;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.support.ObjectSink;
import io.minio.MinioClient;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code minio} rows of docs/BAD-INPUT.md that need no server: each bad setting fails sink creation, and each bad
 * bucket name fails {@code setupResource} before any request, with an {@link InvalidSettingException} whose message
 * names the setting and the value.
 */
class BadInputCatalogueTest {
    private static final String SECRET = "catalogue-secret-value";

    /** A valid configuration with one key changed ({@code null} value: removed). */
    private static Map<String, String> with(String key, String value) {
        Map<String, String> config = new HashMap<>(Map.of("endpoint", "http://127.0.0.1:1", "access_key", "user",
                "secret_key", SECRET));
        if (value == null) {
            config.remove(key);
        } else {
            config.put(key, value);
        }
        return config;
    }

    private static Arguments row(String name, String key, String value, String shownValue, String reason) {
        return Arguments.of(name, with(key, value), key, shownValue, reason);
    }

    static Stream<Arguments> configRows() {
        return Stream.of(
                row("missing endpoint", "endpoint", null, null, "is required by the 'minio' sink"),
                row("endpoint with another scheme", "endpoint", "ftp://s3.local:21", "ftp://s3.local:21",
                        "expected a URL such as http://localhost:9000 or host:port"),
                row("endpoint without host", "endpoint", "http://", "http://", "expected a URL"),
                row("endpoint that is not a URL", "endpoint", "http://s3 local:9000", "http://s3 local:9000",
                        "expected a URL"),
                row("endpoint with a path", "endpoint", "http://s3.local:9000/bucket", "http://s3.local:9000/bucket",
                        "must not contain a path"),
                row("secure contradicting the scheme", "secure", "true", "true",
                        "contradicts the scheme of endpoint 'http://127.0.0.1:1'"),
                row("secure not a boolean", "secure", "yes", "yes", "expected true or false"),
                row("missing access key", "access_key", null, null, "is required"),
                row("blank secret key", "secret_key", " ", "****", "is required"),
                row("unknown sync type", "sync_type", "streamed", "streamed",
                        "expected one of single, grouped, chunked"),
                row("format without its module", "format_type", "parquet", "parquet",
                        "No format 'parquet' (found: [csv, json, jsonl]); add dev.dataemulator:emulator-parquet to the "
                        + "class path"),
                row("unknown format", "format_type", "xml", "xml",
                        "No format 'xml' (found: [csv, json, jsonl]); add the artifact that provides it"),
                row("bad partition template", "partition_by", "dt={created_at:bbb}", "dt={created_at:bbb}",
                        "bad date pattern 'bbb'"),
                row("max open partitions zero", "max_open_partitions", "0", "0", "between 1 and 100000"),
                row("chunk size below the minimum", "max_chunk_size", "512", "512", "between 1024 and 1073741824"),
                row("chunk size zero", "max_chunk_size", "0", "0", "between 1024 and 1073741824"),
                row("negative chunk size", "max_chunk_size", "-5MB", "-5MB", "between 1024 and 1073741824"),
                row("chunk size above the maximum", "max_chunk_size", "2GiB", "2GiB", "between 1024 and 1073741824"),
                row("chunk size with an unknown unit", "max_chunk_size", "5 furlongs", "5 furlongs",
                        "a size in bytes"),
                row("zero chunk age", "chunk_max_age", "0s", "0s", "a positive duration"),
                row("malformed timeout", "connect_timeout", "soon", "soon", "a positive duration"),
                row("zero upload concurrency", "upload_concurrency", "0", "0", "between 1 and 64"),
                row("negative retries", "retries", "-1", "-1", "between 0 and 1000"),
                row("zero retry timeout", "retry_timeout", "0s", "0s", "a positive duration"),
                row("malformed retry timeout", "retry_timeout", "2 minutes", "2 minutes", "a positive duration"),
                row("gzip not a boolean", "gzip", "maybe", "maybe", "expected true or false"),
                row("misspelled key", "max_chunk_sise", "5MB", "5MB", "is not a setting of the 'minio' sink"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configRows")
    void aBadSettingFailsCreationNamingTheSettingAndTheValue(String name, Map<String, String> config, String key,
            String shownValue, String reason) {
        assertThatThrownBy(() -> MinioStore.sink(config).close())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.violations())
                        .extracting(Violation::setting, Violation::value)
                        .contains(Tuple.tuple(key, shownValue)))
                .hasMessageContaining("'" + key + "' = " + (shownValue == null ? "null" : "'" + shownValue + "'"))
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configRows")
    void theSameSettingsFailThroughTheSinkRegistry(String name, Map<String, String> config, String key,
            String shownValue, String reason) {
        assertThatThrownBy(() -> dev.dataemulator.core.SinkRegistry.discover().create("minio", config).close())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'" + key + "'")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectionKeysWithAGivenClient")
    void connectionSettingsConflictWithAGivenClient(String key, String value, String shown) {
        MinioClient client = MinioClient.builder().endpoint("http://127.0.0.1:1").credentials("a", "b").build();
        assertThatThrownBy(() -> MinioStore.sink(Map.of(key, value), client))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'" + key + "' = '" + shown + "': is not used when the sink is given a "
                        + "MinioClient");
    }

    static Stream<Arguments> connectionKeysWithAGivenClient() {
        return Stream.of(Arguments.of("access_key", "user", "user"), Arguments.of("secret_key", SECRET, "****"),
                Arguments.of("connect_timeout", "5s", "5s"));
    }

    @ParameterizedTest(name = "bucket ''{0}''")
    @MethodSource("badBuckets")
    void anIllegalBucketNameFailsSetupBeforeAnyRequest(String bucket, String reason) {
        // the endpoint is unreachable: a request would fail with a SinkException instead
        try (ObjectSink sink = MinioStore.sink(with("connect_timeout", "1s"))) {
            assertThatThrownBy(() -> sink.setupResource(bucket))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("'bucket' = '" + bucket + "'")
                    .hasMessageContaining("illegal S3 bucket name")
                    .hasMessageContaining(reason);
        }
    }

    static Stream<Arguments> badBuckets() {
        return Stream.of(
                Arguments.of("ab", "3 to 63 characters"),
                Arguments.of("b".repeat(64), "3 to 63 characters"),
                Arguments.of("Orders_2024", "lowercase letters"),
                Arguments.of("-orders", "start and end with a letter or digit"),
                Arguments.of("my..bucket", "'..'"),
                Arguments.of("10.0.0.1", "IP address"),
                Arguments.of("xn--orders", "reserved"));
    }
}
