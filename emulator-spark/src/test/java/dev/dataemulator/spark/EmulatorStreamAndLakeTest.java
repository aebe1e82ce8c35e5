package dev.dataemulator.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorStreamAndLakeTest {
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SharedSpark.session();
    }

    private static StreamingQuery runUntil(long rows, String checkpoint, String out) throws Exception {
        StreamingQuery query = spark.readStream().format("emulator").option("domain", "transaction")
                .option("seed", 42).option("clock.instant", EmulatorDataSourceTest.INSTANT)
                .option("rows", rows).option("rowsPerBatch", 700).option("partitions", 2).load()
                .writeStream().format("parquet").option("checkpointLocation", checkpoint).option("path", out)
                .trigger(Trigger.AvailableNow()).start();
        assertThat(query.awaitTermination(TimeUnit.MINUTES.toMillis(5))).as("query ended").isTrue();
        assertThat(query.exception().isDefined()).as("query failed: %s", query.exception()).isFalse();
        return query;
    }

    @Test
    void streamRestartsFromItsCheckpointWithoutGapOrDuplicate(@TempDir Path dir) throws Exception {
        String checkpoint = dir.resolve("checkpoint").toUri().toString();
        String out = dir.resolve("out").toUri().toString();

        runUntil(2000, checkpoint, out);
        assertThat(spark.read().parquet(out).count()).isEqualTo(2000);

        StreamingQuery second = runUntil(3500, checkpoint, out);
        // 2000 in three batches of at most 700, then 1500 more in three: offsets are seqs, batches follow the limit
        assertThat(second.recentProgress()).extracting(progress -> progress.sources()[0].endOffset())
                .contains("3500").allSatisfy(end -> assertThat(Long.parseLong(end)).isBetween(2001L, 3500L));

        Dataset<Row> written = spark.read().parquet(out);
        Dataset<Row> batch = EmulatorDataSourceTest.read("transaction", 3500, 3);
        assertThat(written.count()).isEqualTo(3500);
        assertThat(written.select("transaction_id").distinct().count()).isEqualTo(3500);
        assertThat(written.exceptAll(batch).count()).isZero();
        assertThat(batch.exceptAll(written).count()).isZero();
    }

    @Test
    void icebergWriteReadsBackExactly() throws Exception {
        Dataset<Row> source = EmulatorDataSourceTest.read("transaction", 4000, 4);
        source.writeTo("lake.db.transactions").using("iceberg").createOrReplace();

        Dataset<Row> table = spark.table("lake.db.transactions");
        assertThat(table.count()).isEqualTo(4000);
        assertThat(table.select("transaction_id").distinct().count()).isEqualTo(4000);
        assertThat(table.exceptAll(source).count()).isZero();
        assertThat(source.exceptAll(table).count()).isZero();
    }

    @Test
    void sqlCreatesATableUsingEmulator() {
        spark.sql("CREATE TEMPORARY VIEW tx USING emulator OPTIONS (domain 'transaction', rows '1000', seed '42', "
                + "partitions '3', `clock.instant` '" + EmulatorDataSourceTest.INSTANT + "')");

        Dataset<Row> viaSql = spark.sql("SELECT * FROM tx");
        assertThat(viaSql.count()).isEqualTo(1000);
        assertThat(viaSql.exceptAll(EmulatorDataSourceTest.read("transaction", 1000, 2)).count()).isZero();
    }

    @Test
    void sqlCreatesACatalogTableUsingEmulator() {
        spark.sql("CREATE TABLE tx_table USING emulator OPTIONS (domain 'transaction', rows '1000', seed '42', "
                + "partitions '3', `clock.instant` '" + EmulatorDataSourceTest.INSTANT + "')");
        try {
            Dataset<Row> viaSql = spark.sql("SELECT * FROM tx_table");
            assertThat(viaSql.count()).isEqualTo(1000);
            Dataset<Row> direct = EmulatorDataSourceTest.read("transaction", 1000, 2);
            assertThat(viaSql.exceptAll(direct).count()).isZero();
            assertThat(direct.exceptAll(viaSql).count()).isZero();
        } finally {
            spark.sql("DROP TABLE IF EXISTS tx_table");
        }
    }
}
