package dev.dataemulator.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26's partitioned Parquet run in small: several workers, one partition per location. Each worker filled its
 * own file per partition, and at most 64 partitions were open, so such a run made thousands of tiny files; with the
 * defaults a partition gets one file, whichever workers fill it.
 */
class PartitionedFilesTest {
    @TempDir
    Path dir;

    @Test
    void aPartitionedParquetRunOfFiveWorkersMakesOneFilePerPartition() throws IOException {
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .domain("transaction")
                .sink("file", Map.of("path", dir.toString(), "format_type", "parquet",
                        "partition_by", "dt={timestamp:yyyy-MM-dd}/loc={location}"))
                .threads(5)
                .seed(42)
                .maxRecords(6_000)
                .build());

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(6_000);
        Map<Path, Long> filesPerPartition = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .forEach(f -> filesPerPartition.merge(f.getParent().getParent(), 1L, Long::sum));
        }
        assertThat(filesPerPartition).as("more locations than the old 64 open partitions").hasSizeGreaterThan(64);
        assertThat(filesPerPartition).allSatisfy((partition, files) -> assertThat(files).as(partition.toString())
                .isEqualTo(1));
    }
}
