package dev.dataemulator.examples;

import static dev.dataemulator.examples.EmulatorCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.testkit.EmbeddedPostgres;
import dev.dataemulator.testkit.EmbeddedPostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lifecycle domain's change stream played into a real PostgreSQL with {@code write_mode=changes}, and
 * {@code emulator snapshot} written beside it: the table the changes leave is the oracle's table, row for row and
 * column for column (compared by PostgreSQL itself, {@code EXCEPT} both ways).
 */
class LifecyclePostgresIT {
    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    private static final String FILE = "src/main/resources/domains/accounts.yaml";
    private static final String BACKFILL = "2026-01-01T00:00:00Z..2026-03-01T00:00:00Z";

    @Test
    void theChangesLeaveExactlyTheSnapshotsTable() throws Exception {
        EmbeddedPostgres server = POSTGRES.server();
        String[] target = {"--sink", "jdbc", "-c", "url=" + server.jdbcUrl(), "-c", "user=" + server.user(),
                "-c", "password=" + server.password()};
        EmulatorCliTest.Result run = cli(concat(new String[] {"run", "--domain-file", FILE, "--domain", "accounts",
                "--seed", "11", "--backfill", BACKFILL, "-c", "table=accounts", "-c", "write_mode=changes",
                "-c", "batch_size=500", "-t", "3"}, target));
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        EmulatorCliTest.Result snapshot = cli(concat(new String[] {"snapshot", "--domain-file", FILE, "--domain",
                "accounts", "--seed", "11", "--backfill", BACKFILL, "-c", "table=snap", "-t", "2"}, target));
        assertThat(snapshot.exitCode()).as(snapshot.err() + snapshot.out()).isZero();

        try (Connection postgres = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement sql = postgres.createStatement()) {
            long rows = count(sql, "SELECT count(*) FROM snap");
            assertThat(rows).isPositive().isLessThan(3_000).isEqualTo(count(sql, "SELECT count(*) FROM accounts"));
            assertThat(count(sql, "SELECT count(*) FROM accounts WHERE __version > 1")).isPositive();
            assertThat(count(sql, "SELECT count(*) FROM (SELECT * FROM accounts EXCEPT SELECT * FROM snap) d"))
                    .isZero();
            assertThat(count(sql, "SELECT count(*) FROM (SELECT * FROM snap EXCEPT SELECT * FROM accounts) d"))
                    .isZero();
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
