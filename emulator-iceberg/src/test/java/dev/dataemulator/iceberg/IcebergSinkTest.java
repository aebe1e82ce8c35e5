package dev.dataemulator.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.ResumeRequest;
import dev.dataemulator.iceberg.internal.IcebergSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink against a local warehouse and its embedded SQLite catalog, read back through a catalog of its own (the
 * table's metadata, snapshots and scan) and DuckDB (the rows of the data files the scan lists).
 */
class IcebergSinkTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path warehouse;

    private EmulationSpec.Builder spec(String id, long records, String... settings) {
        Map<String, String> config = new HashMap<>();
        config.put("warehouse", warehouse.toString());
        config.put("commit_interval", "200ms");
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return EmulationSpec.builder().domain("transaction").resource("transactions").envelope(false)
                .sink("iceberg", config).threads(2).maxRecords(records).seed(42).clock(CLOCK).id(id);
    }

    private Table table() {
        return table(warehouse);
    }

    /** @return the table {@code transactions} of a local warehouse, through a catalog of its own */
    static Table table(Path warehouse) {
        return table(warehouse, "transactions");
    }

    /** @return a table of a local warehouse, through a catalog of its own */
    static Table table(Path warehouse, String name) {
        JdbcCatalog catalog = new JdbcCatalog();
        catalog.initialize("emulator", Map.of(CatalogProperties.URI, "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
                CatalogProperties.WAREHOUSE_LOCATION, warehouse.toString(), "jdbc.schema-version", "V1",
                CatalogProperties.FILE_IO_IMPL, "dev.dataemulator.iceberg.internal.LocalFileIO"));
        return catalog.loadTable(TableIdentifier.of("emulator", name));
    }

    private static List<DataFile> dataFiles(Table table) throws Exception {
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().includeColumnStats().planFiles()) {
            tasks.forEach(task -> files.add(task.file()));
        }
        return files;
    }

    private static String fileList(List<DataFile> files) {
        return files.stream().map(f -> "'" + f.location() + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    @Test
    void aTableWithTheDomainsTypesHoldsEveryDeliveredRecordOncePartitionedAsTheTransformsSay() throws Exception {
        EmulationSpec spec = spec("run-1", 5_000, "partition_by", "day(timestamp), identity(location)").build();
        EmulationReport report = EmulationRunner.run(spec);
        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(5_000);

        Table table = table();
        Map<String, String> types = new java.util.LinkedHashMap<>();
        table.schema().columns().forEach(f -> types.put(f.name(), f.type() + (f.isRequired() ? " required" : "")));
        assertThat(types).containsExactly(Map.entry("transaction_id", "uuid required"),
                Map.entry("user_id", "long required"), Map.entry("amount", "decimal(12, 2) required"),
                Map.entry("currency", "string required"), Map.entry("merchant", "string required"),
                Map.entry("timestamp", "timestamptz required"), Map.entry("location", "string required"),
                Map.entry("is_fraud", "int required"), Map.entry("fraud_scenario", "string"));
        assertThat(table.spec().fields()).extracting(f -> f.transform().toString())
                .containsExactly("day", "identity");

        // every snapshot is one commit of this run, and their seqs cover 0..4999 exactly once
        long added = 0;
        Set<Long> seqs = new TreeSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            assertThat(snapshot.summary()).containsEntry("emulator.emulation-id", "run-1");
            added += Long.parseLong(snapshot.summary().get("added-records"));
            for (String range : snapshot.summary().get("emulator.seqs").split(",")) {
                String[] ends = range.split("-");
                for (long s = Long.parseLong(ends[0]); s <= Long.parseLong(ends[ends.length - 1]); s++) {
                    assertThat(seqs.add(s)).as("seq %d in two snapshots", s).isTrue();
                }
            }
        }
        assertThat(added).isEqualTo(5_000);
        assertThat(seqs).hasSize(5_000).first().isEqualTo(0L);
        assertThat(((TreeSet<Long>) seqs).last()).isEqualTo(4_999L);

        List<DataFile> files = dataFiles(table);
        assertThat(files.stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(5_000);
        Set<String> expectedIds = Fixtures.like(spec, report.id(), 42).records(5_000).stream()
                .map(r -> String.valueOf(r.dataAsMap().get("transaction_id"))).collect(Collectors.toSet());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT CAST(transaction_id AS VARCHAR) FROM read_parquet("
                    + fileList(files) + ")")) {
                Set<String> ids = new java.util.HashSet<>();
                long count = 0;
                while (rows.next()) {
                    ids.add(rows.getString(1));
                    count++;
                }
                assertThat(count).isEqualTo(5_000);
                assertThat(ids).isEqualTo(expectedIds);
            }
            // each file's rows have the partition values its metadata records, and its timestamp bounds are the
            // rows' lowest and highest (what engines prune files with)
            int tsId = table.schema().findField("timestamp").fieldId();
            for (DataFile file : files) {
                int day = file.partition().get(0, Integer.class);
                String location = file.partition().get(1, String.class);
                try (ResultSet rows = statement.executeQuery("SELECT DISTINCT epoch_us(\"timestamp\") // 86400000000,"
                        + " location FROM read_parquet('" + file.location() + "')")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getLong(1)).isEqualTo(day);
                    assertThat(rows.getString(2)).isEqualTo(location);
                    assertThat(rows.next()).as("one partition per file").isFalse();
                }
                try (ResultSet rows = statement.executeQuery("SELECT min(epoch_us(\"timestamp\")), "
                        + "max(epoch_us(\"timestamp\")) FROM read_parquet('" + file.location() + "')")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(Conversions.<Long>fromByteBuffer(Types.TimestampType.withZone(),
                            file.lowerBounds().get(tsId))).isEqualTo(rows.getLong(1));
                    assertThat(Conversions.<Long>fromByteBuffer(Types.TimestampType.withZone(),
                            file.upperBounds().get(tsId))).isEqualTo(rows.getLong(2));
                }
            }
            // the data files carry the table's field ids
            try (ResultSet rows = statement.executeQuery("SELECT name, field_id FROM parquet_schema('"
                    + files.get(0).location() + "') WHERE field_id IS NOT NULL")) {
                Map<String, Integer> ids = new HashMap<>();
                while (rows.next()) {
                    ids.put(rows.getString(1), rows.getInt(2));
                }
                Map<String, Integer> expected = table.schema().columns().stream()
                        .collect(Collectors.toMap(Types.NestedField::name, Types.NestedField::fieldId));
                assertThat(ids).isEqualTo(expected);
            }
        }
    }

    @Test
    void aResumedRunContinuesAfterWhatTheTableHoldsAndARunWithoutResumeIsRefused() throws Exception {
        EmulationReport first = EmulationRunner.run(spec("run-r", 3_000).build());
        assertThat(first.stats().delivered()).isEqualTo(3_000);

        EmulationReport refused = EmulationRunner.run(spec("run-r", 5_000).build());
        assertThat(refused.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(refused.toString()).contains("already holds 3000 records of emulation 'run-r'")
                .contains("resume=true");

        EmulationSpec resumed = spec("run-r", 5_000).resume(true).build();
        EmulationReport second = EmulationRunner.run(resumed);
        assertThat(second.status()).as(second.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(second.stats().generated()).as("only the records the table does not hold").isEqualTo(2_000);
        // the resumable run's snapshots keep its settings: a resume with another seed is refused naming it
        assertThat(table().currentSnapshot().summary().get(IcebergSink.SETTINGS)).contains("seed=42");
        EmulationReport otherSeed = EmulationRunner.run(spec("run-r", 5_000).resume(true).seed(43).build());
        assertThat(otherSeed.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(otherSeed.failure()).get().isInstanceOf(InvalidSettingException.class).extracting(
                Throwable::getMessage).asString().contains("'seed' = '43': differs from '42'");

        Table table = table();
        List<DataFile> files = dataFiles(table);
        Set<String> expectedIds = Fixtures.like(resumed, "run-r", 42).records(5_000).stream()
                .map(EmulatedRecord::dataAsMap).map(m -> String.valueOf(m.get("transaction_id")))
                .collect(Collectors.toSet());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet rows = statement.executeQuery("SELECT CAST(transaction_id AS VARCHAR) FROM read_parquet("
                        + fileList(files) + ")")) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            assertThat(ids).hasSize(5_000).doesNotHaveDuplicates();
            assertThat(Set.copyOf(ids)).isEqualTo(expectedIds);
        }
    }

    @Test
    void aSecondWriterOfTheSameEmulationIsRefusedNeverMerged() throws Exception {
        List<EmulatedRecord> records = Fixtures.of("transaction").envelope(false).emulationId("twice").seed(7)
                .records(3);
        Counting a = new Counting();
        Counting b = new Counting();
        Map<String, String> config = Map.of("warehouse", warehouse.toString(), "commit_interval", "1h");
        try (var first = new IcebergSinkProvider().create(config);
                var second = new IcebergSinkProvider().create(config)) {
            first.setupResource("transactions");
            first.produce("transactions", null, Fixtures.record(records.get(0)).tracker(a).build());
            first.flush();
            // a second writer resumes the same emulation while the first still runs, and commits
            second.setupResource("transactions");
            second.resume(new ResumeRequest("transactions", "twice", 1, Map.of()));
            second.produce("transactions", null, Fixtures.record(records.get(1)).tracker(b).build());
            second.flush();
            // the first writer's next commit finds the other writer's snapshot of its emulation: refused
            first.produce("transactions", null, Fixtures.record(records.get(2)).tracker(a).build());
            first.flush();
        }
        assertThat(a.delivered).isEqualTo(1);
        assertThat(a.failed).isEqualTo(1);
        assertThat(a.aborted).isNotNull();
        assertThat(a.aborted.getMessage()).contains("of emulation 'twice' from another writer");
        assertThat(b.delivered).isEqualTo(1);
        Table table = table();
        assertThat(table.snapshots()).extracting(snapshot -> snapshot.summary().get("emulator.seqs"))
                .containsExactly("0", "1");
        assertThat(dataFiles(table).stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(2);
    }

    /** Counts one writer's outcomes. */
    private static final class Counting implements dev.dataemulator.core.spi.DeliveryTracker {
        volatile long delivered;
        volatile long failed;
        volatile Throwable aborted;

        @Override
        public synchronized void delivered(long records) {
            delivered += records;
        }

        @Override
        public synchronized void failed(long records, Throwable cause) {
            failed += records;
        }

        @Override
        public void abort(Throwable cause) {
            aborted = cause;
        }
    }

    @Test
    void theLabelsOfDamagedRecordsAreTheRowsOfTheTableBesideTheRecords() throws Exception {
        dev.dataemulator.core.support.MemorySyncProducer memory = new dev.dataemulator.core.support.MemorySyncProducer();
        // the one kind typed columns hold
        java.util.function.UnaryOperator<EmulationSpec.Builder> faults = builder -> builder.fault("duplicate", "0.05");
        EmulationSpec spec = faults.apply(spec("faulty", 2_000)).build();
        EmulationRunner.run(faults.apply(EmulationSpec.builder().domain("transaction").resource("transactions")
                .envelope(false).sink(memory).threads(2).maxRecords(2_000).seed(42).clock(CLOCK).id("faulty"))
                .build());
        Set<String> expected = memory.records("transactions_faults").stream()
                .map(label -> label.dataAsMap().get("seq") + " " + label.dataAsMap().get("kind") + " "
                        + label.dataAsMap().get("original"))
                .collect(Collectors.toSet());

        EmulationReport report = EmulationRunner.run(spec);
        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        Set<String> rows = new java.util.HashSet<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet labels = statement.executeQuery("SELECT seq, kind, original FROM read_parquet("
                        + fileList(dataFiles(table(warehouse, "transactions_faults"))) + ")")) {
            while (labels.next()) {
                rows.add(labels.getLong(1) + " " + labels.getString(2) + " " + labels.getString(3));
            }
        }
        assertThat(rows).isEqualTo(expected).hasSizeGreaterThan(50).allMatch(row -> row.endsWith(" duplicate null"));
        assertThatThrownBy(() -> EmulationRunner.run(spec("nulls", 10).fault("null.rate", "0.1")
                .fault("null.fields", "currency").build()))
                .hasMessageContaining("'faults.null.rate' = '0.1': the sink writes iceberg (parquet), whose required "
                        + "columns cannot hold a null");
    }

    @Test
    void labelsAreRefusedAtStartWhenPartitionByNamesTheRecordsColumns() {
        EmulationSpec spec = spec("partitioned", 100, "partition_by", "identity(location)").fault("duplicate", "0.1")
                .build();
        assertThatThrownBy(() -> EmulationRunner.run(spec))
                .hasMessageContaining("'fault_labels' = 'true': the iceberg sink's partition_by names columns the "
                        + "label table lacks; set fault_labels=false");
        assertThat(EmulationRunner.run(spec.toBuilder().faultLabels(false).build()).status())
                .isEqualTo(EmulationStatus.COMPLETED);
    }

    @Test
    void hadoopIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
