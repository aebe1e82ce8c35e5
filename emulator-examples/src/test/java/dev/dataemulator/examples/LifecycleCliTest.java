package dev.dataemulator.examples;

import static dev.dataemulator.examples.EmulatorCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code emulator run} of a lifecycle domain and {@code emulator snapshot}, both as Parquet through the file sink,
 * read back by DuckDB: the latest version of every entity not deleted is exactly the snapshot.
 */
class LifecycleCliTest {
    private static final String FILE = "src/main/resources/domains/accounts.yaml";
    private static final String BACKFILL = "2026-01-01T00:00:00Z..2026-03-01T00:00:00Z";

    @Test
    void theLatestVersionPerKeyExceptTheSnapshotIsEmptyBothWaysInDuckDb(@TempDir Path dir) throws Exception {
        Path changes = dir.resolve("changes");
        Path table = dir.resolve("table");
        EmulatorCliTest.Result run = cli("run", "--domain-file", FILE, "--domain", "accounts", "--seed", "7",
                "--backfill", BACKFILL, "--sink", "file", "-c", "path=" + changes, "-c", "format_type=parquet",
                "--no-envelope", "-t", "2");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        EmulatorCliTest.Result snapshot = cli("snapshot", "--domain-file", FILE, "--domain", "accounts", "--seed",
                "7", "--backfill", BACKFILL, "--sink", "file", "-c", "path=" + table, "-c", "format_type=parquet",
                "--no-envelope", "-t", "2");
        assertThat(snapshot.exitCode()).as(snapshot.err() + snapshot.out()).isZero();

        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement()) {
            sql.execute("CREATE VIEW changes AS SELECT * FROM read_parquet('" + changes + "/**/*.parquet')");
            sql.execute("CREATE VIEW snap AS SELECT * FROM read_parquet('" + table + "/**/*.parquet')");
            sql.execute("CREATE VIEW latest AS SELECT * EXCLUDE (__op, rn) FROM (SELECT *, row_number() OVER "
                    + "(PARTITION BY account_id ORDER BY __version DESC) AS rn FROM changes) WHERE rn = 1 "
                    + "AND __op <> 'd'");
            assertThat(count(sql, "SELECT count(DISTINCT account_id) FROM changes")).isEqualTo(3_000);
            assertThat(count(sql, "SELECT count(*) FROM changes WHERE __op = 'd'")).isPositive();
            long rows = count(sql, "SELECT count(*) FROM snap");
            assertThat(rows).isPositive().isLessThan(3_000).isEqualTo(count(sql, "SELECT count(*) FROM latest"));
            assertThat(count(sql, "SELECT count(*) FROM (SELECT * FROM latest EXCEPT SELECT * FROM snap)")).isZero();
            assertThat(count(sql, "SELECT count(*) FROM (SELECT * FROM snap EXCEPT SELECT * FROM latest)")).isZero();
        }
    }

    @Test
    void theJdbcSinkAppliesTheChangesIntoTheSnapshotsTable(@TempDir Path dir) throws Exception {
        String url = "jdbc:duckdb:" + dir.resolve("lake.duckdb");
        EmulatorCliTest.Result run = cli("run", "--domain-file", FILE, "--domain", "accounts", "--seed", "7",
                "--backfill", BACKFILL, "--sink", "jdbc", "-c", "url=" + url, "-c", "table=accounts",
                "-c", "write_mode=changes", "-t", "2");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        EmulatorCliTest.Result snapshot = cli("snapshot", "--domain-file", FILE, "--domain", "accounts", "--seed",
                "7", "--backfill", BACKFILL, "--sink", "jdbc", "-c", "url=" + url, "-c", "table=snap", "-t", "2");
        assertThat(snapshot.exitCode()).as(snapshot.err() + snapshot.out()).isZero();
        try (Connection duckdb = DriverManager.getConnection(url); Statement sql = duckdb.createStatement()) {
            long rows = count(sql, "SELECT count(*) FROM snap");
            assertThat(rows).isPositive().isLessThan(3_000).isEqualTo(count(sql, "SELECT count(*) FROM accounts"));
            assertThat(count(sql, "SELECT count(*) FROM (SELECT * FROM accounts EXCEPT SELECT * FROM snap)")).isZero();
            assertThat(count(sql, "SELECT count(*) FROM (SELECT * FROM snap EXCEPT SELECT * FROM accounts)")).isZero();
        }
    }

    @Test
    void theBundledUserProfileWithLifecycleTrueFoldsIntoItsSnapshotToo(@TempDir Path dir) throws Exception {
        Path changes = dir.resolve("changes");
        Path table = dir.resolve("table");
        String[] profiles = {"--domain", "user-profile", "--seed", "7", "--domain-option", "lifecycle=true",
            "--domain-option", "user_id_max=1999", "--domain-option",
            "signup_between=2025-01-01T00:00:00Z..2025-12-31T00:00:00Z", "--backfill",
            "2025-01-01T00:00:00Z..2026-03-01T00:00:00Z", "--sink", "file", "-c", "format_type=parquet",
            "--no-envelope", "-t", "2"};
        EmulatorCliTest.Result run = cli(concat(new String[] {"run", "-c", "path=" + changes}, profiles));
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        EmulatorCliTest.Result snapshot = cli(concat(new String[] {"snapshot", "-c", "path=" + table}, profiles));
        assertThat(snapshot.exitCode()).as(snapshot.err() + snapshot.out()).isZero();

        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement()) {
            sql.execute("CREATE VIEW changes AS SELECT * FROM read_parquet('" + changes + "/**/*.parquet')");
            sql.execute("CREATE VIEW snap AS SELECT * FROM read_parquet('" + table + "/**/*.parquet')");
            sql.execute("CREATE VIEW latest AS SELECT * EXCLUDE (__op, rn) FROM (SELECT *, row_number() OVER "
                    + "(PARTITION BY user_id ORDER BY __version DESC) AS rn FROM changes) WHERE rn = 1 "
                    + "AND __op <> 'd'");
            assertThat(count(sql, "SELECT count(DISTINCT user_id) FROM changes")).isEqualTo(1_000);
            assertThat(count(sql, "SELECT count(*) FROM changes WHERE __op = 'd'")).isPositive();
            long rows = count(sql, "SELECT count(*) FROM snap");
            assertThat(rows).isPositive().isLessThan(1_000).isEqualTo(count(sql, "SELECT count(*) FROM latest"));
            assertThat(count(sql, "SELECT count(*) FROM (SELECT * FROM latest EXCEPT SELECT * FROM snap)")).isZero();
            assertThat(count(sql, "SELECT count(*) FROM (SELECT * FROM snap EXCEPT SELECT * FROM latest)")).isZero();
        }

        EmulatorCliTest.Result plain = cli("snapshot", "--domain", "user-profile", "--sink", "memory", "--backfill",
                "2025-01-01T00:00:00Z..2026-03-01T00:00:00Z");
        assertThat(plain.exitCode()).as(plain.err()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(plain.err()).contains("lifecycle").contains("only profiles with a lifecycle");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void aSnapshotWithoutABackfillNeedsAt() {
        EmulatorCliTest.Result result = cli("snapshot", "--domain-file", FILE, "--domain", "accounts", "--sink",
                "memory");
        assertThat(result.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(result.err()).contains("--at").contains("is required without --backfill");
        EmulatorCliTest.Result late = cli("snapshot", "--domain-file", FILE, "--domain", "accounts", "--sink",
                "memory", "--backfill", BACKFILL, "--at", "2026-03-01T00:00:00Z");
        assertThat(late.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(late.err()).contains("must be before the end of --backfill");
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
