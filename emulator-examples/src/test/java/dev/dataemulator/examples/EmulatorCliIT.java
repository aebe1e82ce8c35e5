package dev.dataemulator.examples;

import static dev.dataemulator.examples.EmulatorCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.examples.EmulatorCliTest.Result;
import org.junit.jupiter.api.Test;

/** The command line against the embedded servers it starts itself. */
class EmulatorCliIT {

    @Test
    void quickStartRunsBothEmulationsAndReadsRecordsBack() {
        Result result = cli("quickstart", "--duration", "3s");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains("A few transactions read back from Kafka:", "\"transaction_id\"")
                .contains("The start of the first device-log object in S3:", "s3://device-logs/")
                .contains("transaction -> kafka", "device-log -> s3", "status     COMPLETED")
                .contains("failed     0");
    }

    @Test
    void runWritesChunkedCsvIntoEmbeddedS3() {
        Result result = cli("run", "--embedded", "--sink", "minio", "--domain", "user-profile", "--format", "csv",
                "--mode", "chunked", "--chunk-size", "64KiB", "--threads", "3");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("user-profile -> s3", "status     COMPLETED", "records    9,000",
                "delivered  9,000", "failed     0");
    }

    @Test
    void runIntoEmbeddedKafkaWithAnExactCount() {
        Result result = cli("run", "--embedded", "--domain", "transaction", "--max-records", "5000", "--seed", "3");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("status     COMPLETED", "records    5,000", "delivered  5,000");
    }

    @Test
    void runIntoAnEmbeddedPostgreSqlUpsertingByKey() {
        Result result = cli("run", "--embedded", "--sink", "jdbc", "--domain", "user-profile", "--max-records",
                "2000", "-c", "write_mode=upsert", "-c", "batch_size=500");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("Embedded PostgreSQL at jdbc:postgresql://127.0.0.1:", "status     COMPLETED",
                "records    2,000", "delivered  2,000", "failed     0");
    }

    @Test
    void runIntoAnIcebergTableInEmbeddedS3(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Result result = cli("run", "--embedded", "--sink", "iceberg", "--domain", "transaction", "--max-records",
                "3000", "-c", "warehouse=s3://lake/warehouse", "-c", "catalog_uri=jdbc:sqlite:" + dir.resolve("c.db"),
                "-c", "partition_by=day(timestamp)");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("Embedded S3 server at http://127.0.0.1:", "transaction -> iceberg http://",
                "status     COMPLETED", "records    3,000", "delivered  3,000", "failed     0");
    }

    @Test
    void jdbcWithoutAUrlOrEmbeddedIsABadInput() {
        Result result = cli("run", "--sink", "jdbc", "--max-records", "10");
        assertThat(result.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(result.err()).contains("No database: pass -c url=jdbc:postgresql://");
    }

    @Test
    void maxRecordsWithoutADurationRunsToTheCountPastTheDefaultTenSeconds() {
        Result result = cli("run", "--sink", "memory", "--max-records", "1050", "--rate", "100", "--threads", "2");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("status     COMPLETED (max records reached)", "records    1,050 ",
                "delivered  1,050");
    }

    @Test
    void unreachableBrokerFailsWithExitCodeOne() {
        Result result = cli("run", "--bootstrap-servers", "127.0.0.1:1", "--max-records", "10",
                "--sink-config", "setup_timeout=3s");
        assertThat(result.exitCode()).isEqualTo(EmulatorCli.FAILED);
        assertThat(result.out()).contains("status     FAILED", "127.0.0.1:1");
    }
}
