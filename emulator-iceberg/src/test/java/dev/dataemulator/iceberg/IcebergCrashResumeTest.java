package dev.dataemulator.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM writing an emulation to a local warehouse is killed with SIGKILL after its first commits; the emulation is
 * then run again with the same id and seed and {@code resume=true}: the table ends with every seq exactly once.
 */
class IcebergCrashResumeTest {
    static final int RECORDS = 20_000;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path warehouse;

    static EmulationSpec.Builder spec(String warehouse, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("warehouse", warehouse, "commit_interval", "300ms"));
        config.putAll(extra);
        return EmulationSpec.builder().domain("transaction").resource("transactions").envelope(false)
                .sink("iceberg", config).threads(2).maxRecords(RECORDS).seed(42).clock(CLOCK).id("crash");
    }

    private Table table() {
        JdbcCatalog catalog = new JdbcCatalog();
        catalog.initialize("emulator", Map.of(CatalogProperties.URI, "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
                CatalogProperties.WAREHOUSE_LOCATION, warehouse.toString(), "jdbc.schema-version", "V1",
                CatalogProperties.FILE_IO_IMPL, "dev.dataemulator.iceberg.internal.LocalFileIO"));
        TableIdentifier id = TableIdentifier.of("emulator", "transactions");
        return catalog.tableExists(id) ? catalog.loadTable(id) : null;
    }

    private long committedRecords() {
        if (!Files.exists(warehouse.resolve("catalog.db"))) {
            return 0;
        }
        Table table = table();
        return table == null || table.currentSnapshot() == null ? 0
                : Long.parseLong(table.currentSnapshot().summary().get("total-records"));
    }

    /**
     * @return whether the child's first snapshot is committed, read from the metadata files so that the test never
     *     takes the catalog's SQLite lock while the child commits. A commit writes its metadata file first and then
     *     moves the catalog's pointer to it, so the first commit's own file (00001-) may still be uncommitted when
     *     seen; the second commit's file (00002-) is written only from a table whose current metadata is the first's.
     */
    private boolean firstCommitWritten() throws java.io.IOException {
        Path metadata = warehouse.resolve("emulator/transactions/metadata");
        if (!Files.isDirectory(metadata)) {
            return false;
        }
        try (Stream<Path> files = Files.list(metadata)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("00002-")
                    && f.getFileName().toString().endsWith(".metadata.json"));
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void aWriterKilledMidRunAndResumedLeavesEverySeqExactlyOnce() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), warehouse.toString())
                .redirectErrorStream(true).redirectOutput(new File(warehouse.toFile(), "child.log")).start();
        long killedAt;
        try {
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> firstCommitWritten() || !child.isAlive());
            assertThat(child.isAlive()).as(() -> "the child still writes when killed; its output: "
                    + readQuietly(warehouse.resolve("child.log"))).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
        }
        killedAt = committedRecords();
        assertThat(killedAt).isBetween(1L, RECORDS - 1L);

        EmulationSpec resumed = spec(warehouse.toString(), Map.of()).resume(true).build();
        EmulationReport report = EmulationRunner.run(resumed);
        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);

        Table table = table();
        List<String> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(task -> files.add("'" + task.file().location() + "'"));
        }
        Set<String> expected = Fixtures.like(resumed, "crash", 42).records(RECORDS).stream()
                .map(r -> String.valueOf(r.dataAsMap().get("transaction_id"))).collect(Collectors.toSet());
        List<String> ids = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet rows = statement.executeQuery("SELECT CAST(transaction_id AS VARCHAR) FROM read_parquet("
                        + String.join(", ", files).transform(s -> "[" + s + "]") + ")")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        assertThat(ids).hasSize(RECORDS).doesNotHaveDuplicates();
        assertThat(Set.copyOf(ids)).isEqualTo(expected);
    }
}
