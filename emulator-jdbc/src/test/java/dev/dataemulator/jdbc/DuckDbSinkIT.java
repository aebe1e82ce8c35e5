package dev.dataemulator.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbSinkIT {

    @TempDir
    Path dir;

    @Test
    void appendedRowsReadBackEqualTheRecordsOfTheSameSeed() throws Exception {
        String url = "jdbc:duckdb:" + dir.resolve("rows.duckdb");
        EmulationSpec spec = EmulationSpec.builder().domain("transaction").resource("transactions").envelope(false)
                .sink("jdbc", Map.of("url", url, "batch_size", "300")).threads(2).maxRecords(3_000).seed(4)
                .clock(Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC)).build();
        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(3_000);
        Map<Object, Map<String, Object>> expected = Fixtures.like(spec, report.id(), 4).records(3_000).stream()
                .map(EmulatedRecord::dataAsMap)
                .collect(Collectors.toMap(m -> m.get("transaction_id"), m -> m, (a, b) -> a, TreeMap::new));
        try (Connection c = DriverManager.getConnection(url)) {
            Map<Object, Map<String, Object>> actual = Rows.read(c, "SELECT * FROM transactions").stream()
                    .collect(Collectors.toMap(m -> m.get("transaction_id"), m -> m, (a, b) -> a, TreeMap::new));
            assertThat(actual).hasSize(3_000).isEqualTo(expected);
            assertThat(Rows.read(c, "SELECT column_name, data_type FROM information_schema.columns WHERE "
                    + "table_name = 'transactions' AND column_name IN ('amount', 'timestamp', 'transaction_id') "
                    + "ORDER BY 1"))
                    .containsExactly(Map.of("column_name", "amount", "data_type", "DECIMAL(12,2)"),
                            Map.of("column_name", "timestamp", "data_type", "TIMESTAMP WITH TIME ZONE"),
                            Map.of("column_name", "transaction_id", "data_type", "UUID"));
        }
    }

    @Test
    void aResumableEmulationStoppedMidRunIsResumedWithEveryRowOnceAndAnotherSeedIsRefused() throws Exception {
        String url = "jdbc:duckdb:" + dir.resolve("resume.duckdb");
        ResumeCheck.stopMidRunThenResume(Map.of("url", url, "batch_size", "250"), "transactions",
                () -> DriverManager.getConnection(url));
    }

    @Test
    void aRecordOfANewSchemaVersionFailsTheRunNamingTheDriftRatherThanFillingTheOldColumns() throws Exception {
        String url = "jdbc:duckdb:" + dir.resolve("drift.duckdb");
        EmulationSpec spec = EmulationSpec.builder().domain("transaction").resource("transactions").envelope(false)
                .sink("jdbc", Map.of("url", url, "batch_size", "100")).threads(1).seed(4)
                .eventTime(dev.dataemulator.core.EventTime.backfill(Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-02T00:00:00Z"))).ratePerSecond(1.0 / 60)
                .fault("drift.at", "2026-01-01T12:00:00Z").fault("drift.rename.amount", "amount_eur").build();
        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure().orElseThrow()).hasMessageContaining("does not evolve table 'transactions' at a "
                + "schema drift (faults.drift)");
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(Rows.read(c, "SELECT count(*) AS n FROM transactions WHERE \"timestamp\" >= "
                    + "TIMESTAMPTZ '2026-01-01 12:00:00+00'")).containsExactly(Map.of("n", 0L));
        }
    }

    @Test
    void aChangeStreamAppliedInBatchesLeavesTheTableEqualToItsFold() throws Exception {
        String url = "jdbc:duckdb:" + dir.resolve("changes.duckdb");
        List<ChangeStream.Change> changes = ChangeStream.make(1_000, 11);
        CountingTracker tracker = new CountingTracker();
        try (JdbcSyncProducer sink = JdbcSyncProducer.create(Map.of("url", url, "table", "accounts",
                "write_mode", "changes", "batch_size", "97"))) {
            sink.setupResource("accounts");
            long seq = 0;
            for (ChangeStream.Change change : changes) {
                sink.produce("accounts", change.key(), ChangeStream.record(change, seq++, tracker));
            }
            sink.flush();
        }
        assertThat(tracker.delivered.get()).isEqualTo(changes.size());
        assertThat(tracker.failed.get()).isZero();
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(JdbcSinkIT.byId(Rows.read(c, "SELECT * FROM accounts"))).isEqualTo(ChangeStream.fold(changes));
        }
    }
}
