package dev.dataemulator.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.testkit.EmbeddedPostgres;
import dev.dataemulator.testkit.EmbeddedPostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcSinkFaultIT {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    @Test
    void aServerGoneBeyondTheRetryTimeoutFailsTheRunWithCountsThatAddUp() throws Exception {
        EmbeddedPostgres server = POSTGRES.server();
        EmulationSpec spec = EmulationSpec.builder().domain("transaction").resource("tx_gone")
                .sink("jdbc", Map.of("url", server.jdbcUrl(), "user", server.user(), "password", server.password(),
                        "batch_size", "200", "retry_timeout", "3s"))
                .threads(2).maxRecords(20_000).ratePerSecond(4_000).build();
        try (Emulation emulation = EmulationRunner.start(spec)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> emulation.stats().delivered() > 1_000);
            server.stop();
            EmulationReport report = emulation.awaitCompletion(Duration.ofMinutes(2));

            assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
            assertThat(report.failure()).get().asString().contains("stayed unreachable for retry_timeout PT3S",
                    server.jdbcUrl());
            assertThat(report.stats().failed()).isPositive();
            assertThat(report.stats().delivered() + report.stats().failed())
                    .isEqualTo(report.stats().generated());
        } finally {
            server.restart();
        }
    }

    @Test
    void aServerKilledMidRunAndRestartedLosesAndDoublesNothing() throws Exception {
        EmbeddedPostgres server = POSTGRES.server();
        int records = 30_000;
        // keyless appends (no primary key): only the transaction-id check keeps a retried batch from doubling
        EmulationSpec spec = EmulationSpec.builder().domain("transaction").resource("tx_killed").envelope(false)
                .sink("jdbc", Map.of("url", server.jdbcUrl(), "user", server.user(), "password", server.password(),
                        "batch_size", "250", "retry_timeout", "60s"))
                .threads(2).maxRecords(records).ratePerSecond(4_000).seed(9)
                .clock(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC)).build();

        try (Emulation emulation = EmulationRunner.start(spec)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> emulation.stats().delivered() > 5_000);
            server.kill();
            long deliveredAtKill = emulation.stats().delivered();
            server.restart();
            EmulationReport report = emulation.awaitCompletion(Duration.ofMinutes(3));

            assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
            assertThat(report.stats().failed()).isZero();
            assertThat(report.stats().delivered()).isEqualTo(records);
            assertThat(deliveredAtKill).isLessThan(records);

            Set<String> expected = Fixtures.like(spec, report.id(), 9).records(records).stream()
                    .map(EmulatedRecord::dataAsMap).map(m -> (String) m.get("transaction_id"))
                    .collect(Collectors.toSet());
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT transaction_id::text FROM tx_killed")) {
                List<String> ids = new java.util.ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                assertThat(ids).hasSize(records);
                assertThat(new HashSet<>(ids)).isEqualTo(expected);
            }
        }
    }
}
