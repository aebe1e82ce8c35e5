package dev.dataemulator.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * The resume check of the {@code jdbc} sink, for each database: a resumable emulation is stopped part way, a resume
 * with another seed is refused naming it, and the resume ends with every record's row once.
 */
final class ResumeCheck {
    private static final int RECORDS = 9_000;

    private ResumeCheck() {
    }

    private static EmulationSpec spec(Map<String, String> config, String table, long seed) {
        return EmulationSpec.builder().domain("transaction").resource(table).envelope(false).sink("jdbc", config)
                .threads(3).maxRecords(RECORDS).ratePerSecond(3_000).seed(seed).id("nightly-" + table).resume(true)
                .clock(Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC)).build();
    }

    /**
     * @param config the sink's settings (its {@code batch_size} well below 1000)
     * @param table the table, named by the resource
     * @param database opens a connection to the database
     */
    static void stopMidRunThenResume(Map<String, String> config, String table, Callable<Connection> database)
            throws Exception {
        try (Emulation first = EmulationRunner.start(spec(config, table, 4))) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> first.report().stats().delivered() >= 1_000);
            first.stop();
            assertThat(first.awaitCompletion(Duration.ofSeconds(60)).status()).isEqualTo(EmulationStatus.STOPPED);
        }
        long before;
        try (Connection c = database.call()) {
            before = ((Number) Rows.read(c, "SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue();
        }
        assertThat(before).isBetween(1_000L, RECORDS - 1L);

        EmulationReport refused = EmulationRunner.run(spec(config, table, 5));
        assertThat(refused.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(refused.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("'seed' = '5': differs from '4'");

        EmulationSpec spec = spec(config, table, 4);
        EmulationReport resumed = EmulationRunner.run(spec);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(resumed.stats().generated()).as("only the rows the table does not hold").isEqualTo(
                RECORDS - before);
        Set<String> expected = Fixtures.like(spec, "nightly-" + table, 4).records(RECORDS).stream()
                .map(r -> String.valueOf(r.dataAsMap().get("transaction_id"))).collect(Collectors.toSet());
        try (Connection c = database.call()) {
            List<String> ids = Rows.read(c, "SELECT transaction_id FROM " + table).stream()
                    .map(m -> String.valueOf(m.get("transaction_id"))).toList();
            assertThat(ids).hasSize(RECORDS).doesNotHaveDuplicates();
            assertThat(Set.copyOf(ids)).isEqualTo(expected);
        }
    }
}
