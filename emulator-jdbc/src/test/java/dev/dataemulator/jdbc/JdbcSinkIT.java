package dev.dataemulator.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.testkit.EmbeddedPostgres;
import dev.dataemulator.testkit.EmbeddedPostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcSinkIT {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);

    static Map<String, String> config(String... keyValues) {
        EmbeddedPostgres server = POSTGRES.server();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("url", server.jdbcUrl());
        config.put("user", server.user());
        config.put("password", server.password());
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    static Connection connect() throws Exception {
        EmbeddedPostgres server = POSTGRES.server();
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    @Test
    void aResumableEmulationStoppedMidRunIsResumedWithEveryRowOnceAndAnotherSeedIsRefused() throws Exception {
        // appends by COPY: the lanes' progress is written in the same transaction as the rows
        ResumeCheck.stopMidRunThenResume(config("batch_size", "250"), "tx_resumed", JdbcSinkIT::connect);
    }

    @Test
    void appendedRowsReadBackEqualTheRecordsOfTheSameSeedWithTheSchemasTypes() throws Exception {
        EmulationSpec spec = EmulationSpec.builder().domain("transaction").resource("tx_rows").envelope(false)
                .sink("jdbc", config("batch_size", "700")).threads(2).maxRecords(5_000).seed(42).clock(CLOCK)
                .build();
        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(5_000);
        assertThat(report.stats().failed()).isZero();
        Map<Object, Map<String, Object>> expected = Fixtures.like(spec, report.id(), 42).records(5_000).stream()
                .map(EmulatedRecord::dataAsMap)
                .collect(Collectors.toMap(m -> m.get("transaction_id"), m -> m, (a, b) -> a, TreeMap::new));
        Map<Object, Map<String, Object>> actual = Rows.read(config().get("url"), POSTGRES.server().user(),
                        POSTGRES.server().password(), "SELECT * FROM tx_rows").stream()
                .collect(Collectors.toMap(m -> m.get("transaction_id"), m -> m, (a, b) -> a, TreeMap::new));
        assertThat(actual).hasSize(5_000).isEqualTo(expected);

        try (Connection c = connect()) {
            Map<String, String> types = new LinkedHashMap<>();
            for (Map<String, Object> column : Rows.read(c, "SELECT column_name, data_type, numeric_precision, "
                    + "numeric_scale, is_nullable FROM information_schema.columns WHERE table_name = 'tx_rows' "
                    + "ORDER BY ordinal_position")) {
                types.put((String) column.get("column_name"), column.get("data_type")
                        + (column.get("numeric_scale") != null && "numeric".equals(column.get("data_type"))
                        ? "(" + column.get("numeric_precision") + "," + column.get("numeric_scale") + ")" : "")
                        + ("NO".equals(column.get("is_nullable")) ? " not null" : ""));
            }
            assertThat(types).containsExactly(
                    Map.entry("transaction_id", "uuid not null"),
                    Map.entry("user_id", "bigint not null"),
                    Map.entry("amount", "numeric(12,2) not null"),
                    Map.entry("currency", "text not null"),
                    Map.entry("merchant", "text not null"),
                    Map.entry("timestamp", "timestamp with time zone not null"),
                    Map.entry("location", "text not null"),
                    Map.entry("is_fraud", "integer not null"),
                    Map.entry("fraud_scenario", "text"));
        }
    }

    @Test
    void theLabelsOfDamagedRecordsAreTheRowsOfTheTableBesideTheRecords() throws Exception {
        java.util.function.UnaryOperator<EmulationSpec.Builder> run = builder -> builder.domain("transaction")
                .resource("tx_faulty").envelope(false).threads(2).maxRecords(3_000).seed(5).clock(CLOCK).id("faulty")
                .fault("duplicate", "0.05");
        dev.dataemulator.core.support.MemorySyncProducer memory = new dev.dataemulator.core.support.MemorySyncProducer();
        EmulationRunner.run(run.apply(EmulationSpec.builder()).sink(memory).build());
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (EmulatedRecord label : memory.records("tx_faulty_faults")) {
            Map<String, Object> line = label.dataAsMap();
            expected.add(line.get("seq") + " " + line.get("key") + " " + line.get("kind") + " " + line.get("field"));
        }

        EmulationReport report = EmulationRunner.run(run.apply(EmulationSpec.builder()).sink("jdbc", config())
                .build());

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(3_000 + 2L * expected.size());
        java.util.Set<String> rows = new java.util.HashSet<>();
        for (Map<String, Object> row : Rows.read(config().get("url"), POSTGRES.server().user(),
                POSTGRES.server().password(), "SELECT seq, key, kind, field FROM tx_faulty_faults")) {
            rows.add(row.get("seq") + " " + row.get("key") + " " + row.get("kind") + " " + row.get("field"));
        }
        assertThat(rows).hasSizeGreaterThan(100).isEqualTo(expected);
    }

    @Test
    void appendedRowsKeepEveryTypeAndCharacterThroughCopy() throws Exception {
        List<ChangeStream.Change> changes = ChangeStream.make(400, 17);
        CountingTracker tracker = new CountingTracker();
        try (JdbcSyncProducer sink = JdbcSyncProducer.create(config("table", "accounts_appended", "batch_size",
                "128"))) {
            sink.setupResource("accounts");
            long seq = 0;
            for (ChangeStream.Change change : changes) {
                sink.produce("accounts", change.key(), ChangeStream.record(change, seq++, tracker));
            }
            sink.flush();
        }
        assertThat(tracker.delivered.get()).isEqualTo(changes.size());
        List<Map<String, Object>> expected = changes.stream().map(change -> {
            Map<String, Object> row = change.row();
            row.put("__op", String.valueOf(change.op()));
            return row;
        }).sorted(BY_ID_AND_VERSION).toList();
        try (Connection c = connect()) {
            List<Map<String, Object>> actual = Rows.read(c, "SELECT * FROM accounts_appended");
            assertThat(actual.stream().sorted(BY_ID_AND_VERSION).toList()).isEqualTo(expected);
        }
    }

    private static final java.util.Comparator<Map<String, Object>> BY_ID_AND_VERSION = java.util.Comparator
            .comparing((Map<String, Object> row) -> (Long) row.get("account_id"))
            .thenComparing(row -> (Long) row.get("__version"));

    @Test
    void upsertKeepsOneRowPerKeyWithTheLastValues() throws Exception {
        List<ChangeStream.Change> changes = ChangeStream.make(300, 5);
        CountingTracker tracker = new CountingTracker();
        try (JdbcSyncProducer sink = JdbcSyncProducer.create(config("table", "accounts_upsert", "write_mode",
                "upsert", "batch_size", "37"))) {
            sink.setupResource("accounts");
            long seq = 0;
            for (ChangeStream.Change change : changes) {
                if (change.op() != 'd') {
                    sink.produce("accounts", change.key(), ChangeStream.record(change, seq++, tracker));
                }
            }
            sink.flush();
            assertThat(tracker.delivered.get()).isEqualTo(seq);
        }
        Map<Long, Map<String, Object>> lastPerKey = new TreeMap<>();
        for (ChangeStream.Change change : changes) {
            if (change.op() != 'd') {
                Map<String, Object> row = change.row();
                row.put("__op", String.valueOf(change.op()));
                lastPerKey.put(change.id(), row);
            }
        }
        assertThat(tracker.failed.get()).isZero();
        try (Connection c = connect()) {
            assertThat(byId(Rows.read(c, "SELECT * FROM accounts_upsert"))).isEqualTo(lastPerKey);
            assertThat(Rows.read(c, "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = "
                    + "i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'accounts_upsert'::regclass AND "
                    + "i.indisprimary")).containsExactly(Map.of("attname", "account_id"));
        }
    }

    @Test
    void aChangeStreamAppliedInBatchesLeavesTheTableEqualToItsFold() throws Exception {
        List<ChangeStream.Change> changes = ChangeStream.make(1_000, 11);
        CountingTracker tracker = new CountingTracker();
        try (JdbcSyncProducer sink = JdbcSyncProducer.create(config("table", "accounts_changes", "write_mode",
                "changes", "batch_size", "97"))) {
            sink.setupResource("accounts");
            long seq = 0;
            for (ChangeStream.Change change : changes) {
                sink.produce("accounts", change.key(), ChangeStream.record(change, seq++, tracker));
            }
            sink.flush();
        }
        assertThat(tracker.delivered.get()).isEqualTo(changes.size());
        assertThat(tracker.failed.get()).isZero();
        Map<Long, Map<String, Object>> fold = ChangeStream.fold(changes);
        assertThat(fold.size()).isBetween(500, 900);
        try (Connection c = connect()) {
            assertThat(byId(Rows.read(c, "SELECT * FROM accounts_changes"))).isEqualTo(fold);
            assertThat(Rows.read(c, "SELECT data_type FROM information_schema.columns WHERE table_name = "
                    + "'accounts_changes' AND column_name = 'tags'")).containsExactly(Map.of("data_type", "jsonb"));
        }
    }

    @Test
    void aChangeOlderThanTheRowsVersionOrARecentDeleteIsNotApplied() throws Exception {
        List<ChangeStream.Change> changes = ChangeStream.make(200, 3);
        List<ChangeStream.Change> late = changes.stream().filter(c -> c.version() == 1).toList();
        CountingTracker tracker = new CountingTracker();
        try (JdbcSyncProducer sink = JdbcSyncProducer.create(config("table", "accounts_late", "write_mode",
                "changes", "batch_size", "50"))) {
            sink.setupResource("accounts");
            long seq = 0;
            for (ChangeStream.Change change : changes) {
                sink.produce("accounts", change.key(), ChangeStream.record(change, seq++, tracker));
            }
            sink.flush();
            for (ChangeStream.Change change : late) {   // every entity's first version again, arriving late
                sink.produce("accounts", change.key(), ChangeStream.record(change, seq++, tracker));
            }
        }
        assertThat(tracker.delivered.get()).isEqualTo(changes.size() + late.size());
        try (Connection c = connect()) {
            assertThat(byId(Rows.read(c, "SELECT * FROM accounts_late"))).isEqualTo(ChangeStream.fold(changes));
        }
    }

    @Test
    void changesOnRecordsWithoutOpFailTheEmulationNamingTheMissingField() {
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().domain("transaction")
                .resource("no_changes").sink("jdbc", config("write_mode", "changes")).maxRecords(10).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get().asString().contains("write_mode=changes", "'__op'",
                "domain 'transaction'");
        assertThat(report.stats().delivered()).isZero();
    }

    @Test
    void aManualTableThatDoesNotFitFailsNamingEachMismatch() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tx_manual (transaction_id text, user_id integer, amount text, "
                    + "currency text, merchant text, \"timestamp\" timestamptz, location text, is_fraud int, "
                    + "extra text NOT NULL)");
        }
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().domain("transaction")
                .resource("tx_manual").sink("jdbc", config("table_policy", "manual")).maxRecords(10).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get().asString().contains(
                "column 'user_id' is int4, which cannot hold long",
                "column 'amount' is text, which cannot hold decimal(12,2)",
                "column 'fraud_scenario' is missing",
                "column 'extra' is NOT NULL without a default")
                .doesNotContain("transaction_id");
        assertThat(report.stats().failed()).isEqualTo(report.stats().generated());
    }

    @Test
    void aManualTableThatFitsIsFilled() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tx_fits (transaction_id uuid PRIMARY KEY, user_id numeric, amount numeric(14,2), "
                    + "currency varchar(3), merchant text, \"timestamp\" timestamptz, location text, is_fraud bigint, "
                    + "fraud_scenario text, loaded_at timestamptz DEFAULT now())");
        }
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().domain("transaction")
                .resource("tx_fits").sink("jdbc", config("table_policy", "manual", "write_mode", "upsert"))
                .maxRecords(300).build());

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        try (Connection c = connect()) {
            assertThat(Rows.count(c, "SELECT count(*) FROM tx_fits WHERE loaded_at IS NOT NULL")).isEqualTo(300);
        }
    }

    @Test
    void aWrongPasswordFailsAtSetupWithTheDatabasesMessageAndNoPasswordShown() {
        try (JdbcSyncProducer sink = JdbcSyncProducer.create(config("password", "not-the-password"))) {
            assertThatThrownBy(() -> sink.setupResource("tx"))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining("password authentication failed for user \"postgres\"")
                    .hasMessageNotContaining("not-the-password");
            assertThat(sink.toString()).contains("password=****").doesNotContain("not-the-password");
        }
    }

    @Test
    void dropAndCreateReplacesATableOfAnotherShape() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tx_replaced (something text)");
            s.execute("INSERT INTO tx_replaced VALUES ('old')");
        }
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().domain("transaction")
                .resource("tx_replaced").sink("jdbc", config("table_policy", "drop_and_create")).maxRecords(100)
                .build());

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        try (Connection c = connect()) {
            assertThat(Rows.count(c, "SELECT count(DISTINCT transaction_id) FROM tx_replaced")).isEqualTo(100);
        }
    }

    static Map<Long, Map<String, Object>> byId(List<Map<String, Object>> rows) {
        return rows.stream().collect(Collectors.toMap(row -> (Long) row.get("account_id"), row -> row,
                (a, b) -> a, TreeMap::new));
    }
}
