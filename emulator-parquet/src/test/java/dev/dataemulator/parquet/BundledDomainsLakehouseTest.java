package dev.dataemulator.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled domains, with their declared schemas, as Parquet and Avro files read back independently. */
class BundledDomainsLakehouseTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"transaction, transactions, parquet, transaction_id", "user-profile, user-profiles, parquet, user_id",
        "device-log, device-logs, parquet, user_id", "transaction, transactions, avro, transaction_id",
        "user-profile, user-profiles, avro, user_id", "device-log, device-logs, avro, user_id"})
    void everyBundledDomainWritesTypedFiles(String domain, String resource, String format, String key)
            throws Exception {
        EmulationReport report = EmulationRunner.start(EmulationSpec.builder()
                .domain(domain)
                .sink("file", Map.of("path", dir.toString(), "format_type", format, "sync_type", "grouped"))
                .threads(2)
                .maxRecords(300)
                .seed(5)
                .build()).awaitCompletion(Duration.ofMinutes(2));

        FileSinkLakehouseTest.assertDelivered(report, 300);
        Path root = dir.resolve(resource);
        if (format.equals("parquet")) {
            // the envelope is on: the record is the data group
            assertThat(Readers.query(root, "SELECT count(*), min(emulation_id) FROM t"))
                    .containsExactly(300L, report.id());
        } else {
            List<Path> files = Readers.files(root, "avro");
            assertThat(files).hasSize(1);
            assertThat(Readers.avroSchema(files.get(0)).getField("data").schema().getField(key)).isNotNull();
            long records = 0;
            try (org.apache.avro.file.DataFileReader<org.apache.avro.generic.GenericRecord> reader =
                    new org.apache.avro.file.DataFileReader<>(files.get(0).toFile(),
                            new org.apache.avro.generic.GenericDatumReader<>())) {
                for (org.apache.avro.generic.GenericRecord record : reader) {
                    assertThat(((org.apache.avro.generic.GenericRecord) record.get("data")).get(key)).isNotNull();
                    records++;
                }
            }
            assertThat(records).isEqualTo(300);
        }
    }
}
