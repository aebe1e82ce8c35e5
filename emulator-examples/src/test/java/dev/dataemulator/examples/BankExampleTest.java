package dev.dataemulator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.declarative.DeclarativeDomains;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retail bank of {@code bank.yaml} (customers, their 1 to 3 accounts, card payments) emitted as Parquet through
 * the file sink as one emulation (the README's command line), read back by DuckDB: every reference resolves, the
 * accounts are grouped per customer and opened after the signup, payments keep to business hours and fraud amounts
 * come from their own range; the same rows from each domain run alone with the same seed through the Java API, at 8
 * threads and as two shards.
 */
class BankExampleTest {
    private static final Path FILE = Path.of("src/main/resources/domains/bank.yaml");
    private static final long SEED = 7;
    private static final long PAYMENTS = 20_000;
    private static final long HOUR = 3_600_000_000L;
    private static final long DAY = 24 * HOUR;

    @TempDir
    static Path dir;

    /** Each domain emitted alone with the same seed through the Java API, into {@code out/<resource>/}. */
    private static void emit(Path out, int threads, int shard, int shards) {
        List<DomainProvider> domains = DeclarativeDomains.load(FILE);
        DomainRegistry.Builder registry = DomainRegistry.builder();
        domains.forEach(registry::register);
        DomainRegistry built = registry.build();
        for (String domain : List.of("customers", "accounts", "card_payments")) {
            EmulationSpec.Builder spec = EmulationSpec.builder().registry(built).domain(domain).seed(SEED)
                    .threads(threads).envelope(false).shard(shard, shards)
                    .sink("file", Map.of("path", out.toString(), "format_type", "parquet"));
            if (domain.equals("card_payments")) {
                spec.maxRecords(PAYMENTS);
            }
            EmulationReport report = EmulationRunner.run(spec.build());
            assertThat(report.failure()).as(domain).isEmpty();
        }
    }

    @BeforeAll
    static void emitTheBankThreeWays() {
        // the README's command: every domain of the file in one emulation
        EmulatorCliTest.Result run = EmulatorCliTest.cli("run", "--domain-file", FILE.toString(), "--seed",
                String.valueOf(SEED), "--max-records", "card_payments=" + PAYMENTS, "--sink", "file", "-c", "path="
                        + dir.resolve("one"), "-c", "format_type=parquet", "--no-envelope", "-t", "1");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        emit(dir.resolve("eight"), 8, 0, 1);
        emit(dir.resolve("shards"), 2, 0, 2);
        emit(dir.resolve("shards"), 2, 1, 2);
    }

    private static Connection duckdb(String run) throws Exception {
        Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement sql = duckdb.createStatement()) {
            for (String domain : List.of("customers", "accounts", "card_payments")) {
                sql.execute("CREATE VIEW " + domain + " AS SELECT * FROM read_parquet('" + dir.resolve(run)
                        .resolve(domain) + "/**/*.parquet')");
            }
        }
        return duckdb;
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void everyReferenceResolvesAndEveryCustomerHasOneToThreeAccountsNumberedInTurn() throws Exception {
        try (Connection duckdb = duckdb("one"); Statement sql = duckdb.createStatement()) {
            assertThat(count(sql, "SELECT count(*) FROM customers")).isEqualTo(5_000);
            long accounts = count(sql, "SELECT count(*) FROM accounts");
            assertThat(accounts).isBetween(9_000L, 11_000L); // 5,000 x 2 on average
            assertThat(count(sql, "SELECT count(DISTINCT account_id) FROM accounts")).isEqualTo(accounts);
            assertThat(count(sql, "SELECT count(*) FROM card_payments")).isEqualTo(PAYMENTS);
            assertThat(count(sql, "SELECT count(*) FROM accounts a ANTI JOIN customers c USING (customer_id)"))
                    .isZero();
            assertThat(count(sql, "SELECT count(*) FROM card_payments p ANTI JOIN accounts a USING (account_id)"))
                    .isZero();
            // per customer: 1 to 3 accounts, numbered 1..n; every count of accounts occurs
            sql.execute("CREATE VIEW per_customer AS SELECT c.customer_id, count(a.account_id) AS n, "
                    + "min(a.account_no) AS lo, max(a.account_no) AS hi, count(DISTINCT a.account_no) AS numbers "
                    + "FROM customers c LEFT JOIN accounts a USING (customer_id) GROUP BY c.customer_id");
            assertThat(count(sql, "SELECT count(*) FROM per_customer WHERE n BETWEEN 1 AND 3 AND lo = 1 AND hi = n "
                    + "AND numbers = n")).isEqualTo(5_000);
            assertThat(count(sql, "SELECT count(DISTINCT n) FROM per_customer")).isEqualTo(3);
        }
    }

    @Test
    void accountsOpenAfterTheSignupAndPaymentsKeepToBusinessHoursAfterTheOpening() throws Exception {
        try (Connection duckdb = duckdb("one"); Statement sql = duckdb.createStatement()) {
            assertThat(count(sql, "SELECT count(*) FROM accounts a JOIN customers c USING (customer_id) "
                    + "WHERE a.opened_at < c.signup_at OR a.opened_at > c.signup_at + INTERVAL 365 DAY "
                    + "OR a.signup_at <> c.signup_at")).isZero();
            assertThat(count(sql, "SELECT count(*) FROM card_payments p JOIN accounts a USING (account_id) "
                    + "WHERE p.paid_at < a.opened_at + INTERVAL 1 HOUR")).isZero();
            // hours and weekdays in UTC, from the epoch: 9:00 to 16:59, Monday (epoch day 4) to Friday
            String hour = "(epoch_us(paid_at) // " + HOUR + ") % 24";
            String weekday = "(epoch_us(paid_at) // " + DAY + " + 3) % 7";
            assertThat(count(sql, "SELECT count(*) FROM card_payments WHERE " + hour + " NOT BETWEEN 9 AND 16 "
                    + "OR " + weekday + " > 4")).isZero();
            assertThat(count(sql, "SELECT count(DISTINCT " + hour + ") FROM card_payments")).isEqualTo(8);
            assertThat(count(sql, "SELECT count(DISTINCT CAST(paid_at AS DATE)) FROM card_payments"))
                    .isGreaterThan(1_000);
        }
    }

    @Test
    void fraudulentPaymentsDrawTheirAmountsFromTheirOwnRange() throws Exception {
        try (Connection duckdb = duckdb("one"); Statement sql = duckdb.createStatement()) {
            long fraud = count(sql, "SELECT count(*) FROM card_payments WHERE is_fraud");
            assertThat(fraud).isBetween(300L, 500L); // 2 % of 20,000
            assertThat(count(sql, "SELECT count(*) FROM card_payments WHERE is_fraud AND amount NOT BETWEEN 500 "
                    + "AND 5000")).isZero();
            assertThat(count(sql, "SELECT count(*) FROM card_payments WHERE NOT is_fraud AND amount NOT BETWEEN "
                    + "0.5 AND 499.99")).isZero();
            // uniform 500..5000: mean 2,750; lognormal(3, 0.8): median e^3 = 20.1
            assertThat(count(sql, "SELECT round(avg(amount)) FROM card_payments WHERE is_fraud"))
                    .isBetween(2_600L, 2_900L);
            assertThat(count(sql, "SELECT round(median(amount)) FROM card_payments WHERE NOT is_fraud"))
                    .isBetween(19L, 21L);
        }
    }

    @Test
    void theSameRowsAtOneAndEightThreadsAndFromTwoShards() throws Exception {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement()) {
            for (String domain : List.of("customers", "accounts", "card_payments")) {
                String one = "read_parquet('" + dir.resolve("one").resolve(domain) + "/**/*.parquet')";
                long rows = count(sql, "SELECT count(*) FROM " + one);
                for (String other : List.of("eight", "shards")) {
                    String them = "read_parquet('" + dir.resolve(other).resolve(domain) + "/**/*.parquet')";
                    assertThat(count(sql, "SELECT count(*) FROM " + them)).as(domain + " " + other).isEqualTo(rows);
                    assertThat(count(sql, "SELECT count(*) FROM (SELECT * FROM " + one + " EXCEPT ALL SELECT * FROM "
                            + them + ")")).as(domain + " " + other).isZero();
                }
            }
        }
    }
}
