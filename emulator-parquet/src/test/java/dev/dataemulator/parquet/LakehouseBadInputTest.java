package dev.dataemulator.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkRegistry;
import dev.dataemulator.file.FileStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Parquet and Avro rows of docs/BAD-INPUT.md: typed errors naming the setting and the value. */
class LakehouseBadInputTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}={1} with {2}")
    @CsvSource(delimiter = '|', value = {
        "compression|lz4|parquet|'compression' = 'lz4': expected one of snappy, zstd, gzip, none for format 'parquet'",
        "compression|zstd|avro|'compression' = 'zstd': expected one of snappy, deflate, none for format 'avro'",
        "row_group_size|1KB|parquet|'row_group_size' = '1KB': expected a size in bytes such as 5242880, 512KB or 5MB, "
                + "between 65536 and 1073741824 bytes",
        "row_group_size|2GiB|parquet|'row_group_size' = '2GiB': expected a size in bytes",
        "dictionary|some|parquet|'dictionary' = 'some': expected one of auto, all, none for format 'parquet'",
        "dictionary|all|avro|'dictionary' = 'all': is not a setting of the 'file' sink with format 'avro'",
        "gzip|true|parquet|'gzip' = 'true': format 'parquet' compresses its content itself: use its 'compression' "
                + "setting instead",
        "gzip|true|avro|'gzip' = 'true': format 'avro' compresses its content itself"})
    void aBadFormatSettingFailsSinkCreation(String key, String value, String format, String message) {
        Map<String, String> config = new HashMap<>(Map.of("path", dir.toString(), "format_type", format));
        config.put(key, value);
        assertThatThrownBy(() -> FileStore.sink(config))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(message);
    }

    @Test
    void stdoutRefusesAFormatThatWritesWholeObjects() {
        assertThatThrownBy(() -> SinkRegistry.discover().create("stdout", Map.of("format_type", "parquet")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'format_type' = 'parquet': format 'parquet' writes whole objects: use the file "
                        + "or minio sink");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "parquet||false|'format_type' = 'parquet': domain 'order' declares no schema (DomainGenerator.schema()); "
                + "parquet needs typed fields: use json, jsonl or csv for it",
        "avro||false|'format_type' = 'avro': domain 'order' declares no schema",
        "parquet|dt={shipped_at:yyyy-MM-dd}|true|'partition_by' = 'dt={shipped_at:yyyy-MM-dd}': field 'shipped_at' "
                + "is not a field of domain 'order' (fields: [order_id, seq, quantity",
        "avro|h={ship_date:HH}|true|'partition_by' = 'h={ship_date:HH}': date pattern 'HH' needs a time but field "
                + "'ship_date' of domain 'order' is a date",
        "jsonl|t={tags}|true|'partition_by' = 't={tags}': field 'tags' of domain 'order' is a list<string>"})
    void whatDoesNotFitTheDomainFailsTheEmulationWithATypedError(String format, String partitionBy,
            boolean withSchema, String message) {
        Map<String, String> config = new HashMap<>(Map.of("path", dir.toString(), "format_type", format));
        if (partitionBy != null) {
            config.put("partition_by", partitionBy);
        }
        EmulationSpec spec = EmulationSpec.builder()
                .domain("order")
                .registry(DomainRegistry.of(new OrderDomain(withSchema)))
                .sink("file", config)
                .maxRecords(10)
                .envelope(false)
                .build();
        EmulationReport report;
        try (Emulation emulation = EmulationRunner.start(spec)) {
            report = emulation.awaitCompletion(Duration.ofMinutes(1));
        }
        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(message);
        assertThat(report.stats().generated()).isEqualTo(report.stats().delivered() + report.stats().failed());
        assertThat(report.stats().delivered()).isZero();
    }
}
