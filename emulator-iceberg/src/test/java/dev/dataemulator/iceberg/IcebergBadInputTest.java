package dev.dataemulator.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.SyncProducer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rows of docs/BAD-INPUT.md's section on the {@code iceberg} sink. */
class IcebergBadInputTest {
    @TempDir
    static Path warehouse;

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        config.put("warehouse", warehouse.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of(config("catalog", "hive"), "'catalog' = 'hive'"),
                Arguments.of(Map.of("catalog", "jdbc"), "'warehouse' = null: is required"),
                Arguments.of(config("catalog", "rest"), "'catalog_uri' = null: is required for catalog 'rest'"),
                Arguments.of(config("catalog_uri", "postgresql://db/iceberg"),
                        "'catalog_uri' = 'postgresql://db/iceberg': expected a JDBC URL"),
                Arguments.of(config("warehouse", "hdfs://nn/lake"), "'warehouse' = 'hdfs://nn/lake': expected a "
                        + "local directory (/data/warehouse or file:///data/warehouse) or s3://bucket/prefix"),
                Arguments.of(config("warehouse", "s3://lake/wh", "catalog_uri", "jdbc:sqlite:/tmp/c.db"),
                        "'endpoint' = null: is required"),
                Arguments.of(config("warehouse", "s3://lake/wh", "endpoint", "http://127.0.0.1:9000", "access_key",
                        "a", "secret_key", "b"), "'catalog_uri' = null: is required with an s3:// warehouse"),
                Arguments.of(config("endpoint", "http://127.0.0.1:9000"), "'endpoint' = 'http://127.0.0.1:9000': is "
                        + "a setting of an s3:// warehouse"),
                Arguments.of(config("partition_by", "days(timestamp)"),
                        "'partition_by' = 'days(timestamp)': 'days(timestamp)' is not a partition transform"),
                Arguments.of(config("partition_by", "bucket(0, user_id)"),
                        "'partition_by' = 'bucket(0, user_id)': bucket needs a width of at least 1"),
                Arguments.of(config("commit_interval", "0s"), "'commit_interval' = '0s': expected a positive"),
                Arguments.of(config("compression", "zstd"), "'compression' = 'zstd': is not a setting of the "
                        + "'iceberg' sink"),
                Arguments.of(config("resume", "true"), "'resume' = 'true': is not a setting of the 'iceberg' sink "
                        + "(known: catalog, catalog_uri, warehouse, catalog_name, namespace, table, partition_by, "
                        + "commit_interval, target_file_size, format_version, endpoint, access_key, secret_key, secure, "
                        + "region, connect_timeout, request_timeout); resume is the emulation's setting"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void aBadSettingFailsCreationNamingTheSettingAndTheValue(Map<String, String> config, String message) {
        assertThatThrownBy(() -> new IcebergSinkProvider().create(config))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(message);
    }

    @Test
    void anUnreachableCatalogIsASinkExceptionNamingItsUri() {
        try (SyncProducer sink = new IcebergSinkProvider().create(Map.of("catalog", "rest", "catalog_uri",
                "http://127.0.0.1:1"))) {
            assertThatThrownBy(() -> sink.setupResource("transactions")).isInstanceOf(SinkException.class)
                    .hasMessageContaining("Cannot reach the Iceberg rest catalog at http://127.0.0.1:1");
        }
    }

    @Test
    void anUnreachableS3EndpointIsASinkExceptionNamingIt() {
        try (SyncProducer sink = new IcebergSinkProvider().create(Map.of("warehouse", "s3://lake/wh", "catalog_uri",
                "jdbc:sqlite:" + warehouse.resolve("s3-catalog.db"), "endpoint", "http://127.0.0.1:1", "access_key",
                "a", "secret_key", "b", "connect_timeout", "2s"))) {
            assertThatThrownBy(() -> sink.setupResource("transactions")).isInstanceOf(SinkException.class)
                    .hasMessageContaining("http://127.0.0.1:1");
        }
    }

    @Test
    void theSecretKeyNeverAppearsInAMessage() {
        assertThatThrownBy(() -> new IcebergSinkProvider().create(Map.of("warehouse", "s3://lake/wh", "endpoint",
                "ftp://x", "access_key", "a", "secret_key", "s3cr3t-value")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("'endpoint' = 'ftp://x'")
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void aTransformThatDoesNotFitItsColumnFailsTheRunNamingPartitionBy() {
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().domain("transaction")
                .resource("by_location_day").sink("iceberg", config("partition_by", "day(location)"))
                .maxRecords(10).build());
        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).hasValueSatisfying(failure -> assertThat(failure.toString())
                .contains("'partition_by'").contains("day(location) does not apply to column 'location'"));
    }

    @Test
    void aTableWhoseSchemaDoesNotFitTheDomainIsRefusedNamingTheMisfit() {
        EmulationReport first = EmulationRunner.run(EmulationSpec.builder().domain("transaction")
                .resource("shared").sink("iceberg", config()).maxRecords(10).build());
        assertThat(first.status()).isEqualTo(EmulationStatus.COMPLETED);
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().domain("user-profile")
                .resource("shared").sink("iceberg", config()).maxRecords(10).build());
        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).hasValueSatisfying(failure -> assertThat(failure.toString())
                .contains("'table' = 'emulator.shared': the existing table does not fit domain 'user-profile'"));
    }
}
