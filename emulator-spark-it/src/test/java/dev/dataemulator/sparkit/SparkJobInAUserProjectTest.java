package dev.dataemulator.sparkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A local Spark job in a project set up as the README says: Spark 3.5, the emulator's BOM and emulator-spark, no
 * Jackson version of its own. One session for the class.
 */
class SparkJobInAUserProjectTest {
    private static final String INSTANT = "2026-01-01T00:00:00Z";
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("emulator-spark-user-project")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void aBundledDomainReadsAsTheSameRowsAsFixtures() {
        List<Row> rows = spark.read().format("emulator").option("domain", "transaction").option("rows", 200)
                .option("seed", 42).option("partitions", 2).option("clock.instant", INSTANT).load()
                .select("user_id").collectAsList();
        List<EmulatedRecord> records = Fixtures.of("transaction").seed(42).envelope(false)
                .clock(Clock.fixed(Instant.parse(INSTANT), ZoneOffset.UTC)).records(200);

        assertThat(rows).hasSize(200);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getLong(0)).as("user_id of row %d", i)
                    .isEqualTo(((Number) records.get(i).dataAsMap().get("user_id")).longValue());
        }
    }

    @Test
    void aYamlDefinitionReadsWithEveryReferenceResolving() throws URISyntaxException {
        String definition = Path.of(getClass().getResource("/bank.yaml").toURI()).toString();
        Dataset<Row> accounts = declared(definition, "accounts", 1000);
        Dataset<Row> payments = declared(definition, "payments", 2000);

        assertThat(accounts.count()).as("a finite domain ends at its count").isEqualTo(400);
        assertThat(accounts.select("account_id").distinct().count()).isEqualTo(400);
        assertThat(payments.count()).isEqualTo(2000);
        assertThat(payments.join(accounts, payments.col("account_id").equalTo(accounts.col("account_id")),
                "left_anti").count()).as("payments whose account does not exist").isZero();
        assertThat(payments.filter("amount < 1 or amount > 90").count()).isZero();
    }

    private static Dataset<Row> declared(String definition, String domain, long rows) {
        return spark.read().format("emulator").option("definition", definition).option("domain", domain)
                .option("rows", rows).option("seed", 7).option("partitions", 2).option("clock.instant", INSTANT)
                .load();
    }
}
