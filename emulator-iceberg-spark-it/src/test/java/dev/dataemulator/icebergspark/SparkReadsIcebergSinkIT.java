package dev.dataemulator.icebergspark;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.declarative.DeclarativeDomains;
import dev.dataemulator.declarative.Snapshots;
import dev.dataemulator.testkit.EmbeddedS3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark 3.5 with Iceberg's Spark runtime opens the tables the {@code iceberg} sink wrote, through the same SQLite
 * JDBC catalog under the sink's {@code catalog_name}: a partitioned table of the {@code transaction} domain and the
 * change stream of a lifecycle domain, which Spark's {@code MERGE INTO} turns into the table the oracle snapshot
 * holds. Iceberg's own Java reader ({@link IcebergGenerics}) reads the same rows. One Spark session for the class;
 * the sink runs in the same JVM, on the runtime's Iceberg classes.
 */
class SparkReadsIcebergSinkIT {
    private static final long SEED = 7;
    private static final int TRANSACTIONS = 2_000;
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-01T00:00:00Z");
    private static final String CATALOG = "emulator";

    private static final int S3_RECORDS = 1_000;

    private static Path warehouse;
    private static EmbeddedS3 s3;
    private static SparkSession spark;
    private static EmulationSpec transactions;
    private static EmulationReport transactionsReport;
    private static long snapshotRows;

    @BeforeAll
    static void writeTablesThenOpenSpark() throws IOException {
        warehouse = Files.createTempDirectory("iceberg-spark-warehouse");
        transactions = EmulationSpec.builder().domain("transaction").resource("transactions").envelope(false)
                .sink("iceberg", sink("partition_by", "day(timestamp), bucket(4, user_id)"))
                .eventTime(EventTime.backfill(Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-11-04T00:00:00Z"))).ratePerSecond(TRANSACTIONS / 259_200.0)
                .threads(2).maxRecords(TRANSACTIONS).seed(SEED).id("tx-run").build();
        transactionsReport = EmulationRunner.run(transactions);
        assertThat(transactionsReport.status()).as(transactionsReport.toString())
                .isEqualTo(EmulationStatus.COMPLETED);

        DomainProvider accounts = DeclarativeDomains.parse("accounts.yaml", resource("accounts.yaml")).get(0);
        EmulationReport changes = EmulationRunner.run(EmulationSpec.builder()
                .registry(DomainRegistry.builder().register(accounts).build()).domain("accounts")
                .domainOption("change_format", "row").envelope(false).eventTime(EventTime.backfill(FROM, TO))
                .sink("iceberg", sink("table", "accounts_changes")).threads(2).seed(SEED).id("changes").build());
        assertThat(changes.status()).as(changes.toString()).isEqualTo(EmulationStatus.COMPLETED);
        EmulationReport snapshot = EmulationRunner.run(EmulationSpec.builder()
                .registry(DomainRegistry.builder().register(Snapshots.at(accounts, TO.minusMillis(1))).build())
                .domain("accounts").envelope(false).eventTime(EventTime.backfill(FROM, TO))
                .sink("iceberg", sink("table", "accounts_expected")).threads(2).seed(SEED).id("snapshot").build());
        assertThat(snapshot.status()).as(snapshot.toString()).isEqualTo(EmulationStatus.COMPLETED);
        snapshotRows = snapshot.stats().delivered();

        // the same domain into an s3:// warehouse, its catalog a SQLite file of its own
        s3 = EmbeddedS3.builder().start();
        Map<String, String> onS3 = new HashMap<>(Map.of("warehouse", "s3://lake/warehouse", "catalog_uri",
                "jdbc:sqlite:" + warehouse.resolve("s3-catalog.db"), "endpoint", s3.endpoint(), "access_key",
                s3.accessKey(), "secret_key", s3.secretKey(), "catalog_name", "lake", "partition_by",
                "identity(currency)"));
        EmulationReport s3Run = EmulationRunner.run(EmulationSpec.builder().domain("transaction")
                .resource("transactions").envelope(false).sink("iceberg", onS3).threads(2).maxRecords(S3_RECORDS)
                .seed(SEED).id("s3-run").build());
        assertThat(s3Run.status()).as(s3Run.toString()).isEqualTo(EmulationStatus.COMPLETED);

        // the catalog as the module's README tells Spark to open it
        spark = SparkSession.builder().master("local[2]").appName("iceberg-sink-read")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.catalog." + CATALOG, "org.apache.iceberg.spark.SparkCatalog")
                .config("spark.sql.catalog." + CATALOG + ".type", "jdbc")
                .config("spark.sql.catalog." + CATALOG + ".uri", "jdbc:sqlite:" + warehouse.resolve("catalog.db"))
                .config("spark.sql.catalog." + CATALOG + ".warehouse", warehouse.toString())
                .config("spark.sql.catalog." + CATALOG + ".jdbc.schema-version", "V1")
                // the s3:// warehouse through Iceberg's S3FileIO, as the module's README shows
                .config("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
                .config("spark.sql.catalog.lake.type", "jdbc")
                .config("spark.sql.catalog.lake.uri", "jdbc:sqlite:" + warehouse.resolve("s3-catalog.db"))
                .config("spark.sql.catalog.lake.warehouse", "s3://lake/warehouse")
                .config("spark.sql.catalog.lake.jdbc.schema-version", "V1")
                .config("spark.sql.catalog.lake.io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .config("spark.sql.catalog.lake.s3.endpoint", s3.endpoint())
                .config("spark.sql.catalog.lake.s3.path-style-access", "true")
                .config("spark.sql.catalog.lake.s3.access-key-id", s3.accessKey())
                .config("spark.sql.catalog.lake.s3.secret-access-key", s3.secretKey())
                .config("spark.sql.catalog.lake.client.region", "us-east-1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stopSparkAndS3() {
        if (spark != null) {
            spark.stop();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private static Map<String, String> sink(String... settings) {
        Map<String, String> config = new HashMap<>(Map.of("warehouse", warehouse.toString(), "commit_interval",
                "300ms"));
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return config;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SparkReadsIcebergSinkIT.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long count(String sql) {
        return spark.sql(sql).collectAsList().get(0).getLong(0);
    }

    /** Spark's name of each declared type, written out here rather than taken from the sink's mapping. */
    private static String sparkType(FieldType type) {
        return switch (type.kind()) {
            case STRING, UUID -> "string";
            case INT -> "int";
            case LONG -> "bigint";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case DECIMAL -> "decimal(" + type.precision() + "," + type.scale() + ")";
            case TIMESTAMP -> "timestamp";
            case DATE -> "date";
            default -> throw new AssertionError("not in the transaction domain: " + type);
        };
    }

    @Test
    void sparkSeesEveryDeliveredRecordWithTheDeclaredColumnTypes() {
        assertThat(transactionsReport.stats().delivered()).isEqualTo(TRANSACTIONS);
        assertThat(count("SELECT count(*) FROM emulator.emulator.transactions")).isEqualTo(TRANSACTIONS);

        List<EmulatedRecord> expected = Fixtures.like(transactions, transactionsReport.id(), SEED)
                .records(TRANSACTIONS);
        RecordSchema declared = expected.get(0).schema().orElseThrow();
        Map<String, String> expectedTypes = new LinkedHashMap<>();
        declared.fields().forEach(f -> expectedTypes.put(f.name(), sparkType(f.type())
                + (f.nullable() ? "" : " not null")));
        Map<String, String> types = new LinkedHashMap<>();
        for (StructField field : spark.table("emulator.emulator.transactions").schema().fields()) {
            types.put(field.name(), field.dataType().simpleString() + (field.nullable() ? "" : " not null"));
        }
        assertThat(types).containsExactlyEntriesOf(expectedTypes);

        Set<String> ids = spark.sql("SELECT transaction_id FROM emulator.emulator.transactions").collectAsList()
                .stream().map(row -> row.getString(0)).collect(Collectors.toSet());
        assertThat(ids).isEqualTo(expected.stream().map(r -> String.valueOf(r.dataAsMap().get("transaction_id")))
                .collect(Collectors.toSet()));
    }

    @Test
    void sparkReadsTheTableInAnS3WarehouseThroughIcebergsS3FileIo() {
        Row counts = spark.sql("SELECT count(*), count(DISTINCT transaction_id), count_if(_partition.currency <> "
                + "currency), count(DISTINCT _file), count_if(_file NOT LIKE "
                + "'s3://lake/warehouse/emulator/transactions/data/currency=%') FROM lake.emulator.transactions")
                .collectAsList().get(0);
        assertThat(counts.getLong(0)).as("rows").isEqualTo(S3_RECORDS);
        assertThat(counts.getLong(1)).as("distinct ids").isEqualTo(S3_RECORDS);
        assertThat(counts.getLong(2)).as("rows outside their partition").isZero();
        assertThat(counts.getLong(3)).as("data files").isPositive();
        assertThat(counts.getLong(4)).as("rows in a file outside the warehouse's partition directories").isZero();
    }

    @Test
    void everyRowLiesInThePartitionItsTransformsGive() {
        List<Row> rows = spark.sql("SELECT _partition.timestamp_day, _partition.user_id_bucket, timestamp, user_id "
                + "FROM emulator.emulator.transactions").collectAsList();
        Set<Object> days = new TreeSet<>();
        Set<Object> buckets = new TreeSet<>();
        for (Row row : rows) {
            // day(ts): the UTC date; bucket(4, long): Iceberg's spec, murmur3_x86_32 of the 8 little-endian bytes
            LocalDate day = row.getAs(0) instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) row.get(0);
            Instant timestamp = row.get(2) instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) row.get(2);
            assertThat(day).isEqualTo(LocalDate.ofInstant(timestamp, ZoneOffset.UTC));
            int bucket = (Hashing.murmur3_32_fixed().hashLong(row.getLong(3)).asInt() & Integer.MAX_VALUE) % 4;
            assertThat(row.getInt(1)).isEqualTo(bucket);
            days.add(day);
            buckets.add(bucket);
        }
        assertThat(rows).hasSize(TRANSACTIONS);
        assertThat(days).hasSizeGreaterThan(1);
        assertThat(buckets).hasSize(4);
    }

    @Test
    void eachCommitIsOneAppendSnapshotAndTheirSeqRangesCoverEveryRecordOnce() {
        List<Row> snapshots = spark.sql("SELECT snapshot_id, parent_id, operation, summary FROM "
                + "emulator.emulator.transactions.snapshots ORDER BY committed_at, snapshot_id").collectAsList();
        assertThat(snapshots).isNotEmpty();
        Long previous = null;
        long added = 0;
        Set<Long> seqs = new HashSet<>();
        for (Row snapshot : snapshots) {
            assertThat(snapshot.isNullAt(1) ? null : snapshot.getLong(1)).isEqualTo(previous);
            assertThat(snapshot.getString(2)).isEqualTo("append");
            Map<String, String> summary = snapshot.getJavaMap(3);
            assertThat(summary).containsEntry("emulator.emulation-id", "tx-run");
            long inSnapshot = 0;
            for (String range : summary.get("emulator.seqs").split(",")) {
                String[] ends = range.split("-");
                for (long s = Long.parseLong(ends[0]); s <= Long.parseLong(ends[ends.length - 1]); s++) {
                    assertThat(seqs.add(s)).as("seq %d in two snapshots", s).isTrue();
                    inSnapshot++;
                }
            }
            assertThat(Long.parseLong(summary.get("added-records"))).isEqualTo(inSnapshot);
            added += inSnapshot;
            previous = snapshot.getLong(0);
        }
        assertThat(added).isEqualTo(TRANSACTIONS);
        assertThat(count("SELECT count(*) FROM emulator.emulator.transactions.history")).isEqualTo(snapshots.size());
    }

    @Test
    void icebergsOwnReaderReadsTheRowsSparkReads() throws IOException {
        JdbcCatalog catalog = new JdbcCatalog();
        catalog.setConf(new Configuration());
        catalog.initialize(CATALOG, Map.of(CatalogProperties.URI, "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
                CatalogProperties.WAREHOUSE_LOCATION, warehouse.toString(), "jdbc.schema-version", "V1"));
        Table table = catalog.loadTable(TableIdentifier.of("emulator", "transactions"));
        Map<String, String> icebergRows = new HashMap<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            for (Record record : records) {
                icebergRows.put(String.valueOf(record.getField("transaction_id")),
                        record.getField("user_id") + "|" + record.getField("amount") + "|"
                                + ((java.time.OffsetDateTime) record.getField("timestamp")).toInstant());
            }
        }
        Map<String, String> sparkRows = new HashMap<>();
        for (Row row : spark.sql("SELECT transaction_id, user_id, amount, timestamp FROM "
                + "emulator.emulator.transactions").collectAsList()) {
            Instant timestamp = row.get(3) instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) row.get(3);
            sparkRows.put(row.getString(0), row.getLong(1) + "|" + row.getDecimal(2) + "|" + timestamp);
        }
        assertThat(icebergRows).hasSize(TRANSACTIONS).isEqualTo(sparkRows);
        catalog.close();
    }

    @Test
    void mergeIntoTurnsTheChangeStreamIntoTheOracleSnapshot() {
        Row changes = spark.sql("SELECT count_if(__op = 'd'), max(__version) FROM emulator.emulator.accounts_changes")
                .collectAsList().get(0);
        assertThat(changes.getLong(0)).as("deletes").isPositive();
        assertThat(((Number) changes.get(1)).longValue()).as("highest version").isGreaterThan(1);
        // the statements of the module's README
        spark.sql("CREATE TABLE emulator.emulator.accounts USING iceberg AS "
                + "SELECT * FROM emulator.emulator.accounts_changes WHERE false");
        spark.sql("ALTER TABLE emulator.emulator.accounts DROP COLUMN __op");
        spark.sql("""
                MERGE INTO emulator.emulator.accounts t
                USING (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY account_id ORDER BY __version DESC)
                                             AS latest
                                      FROM emulator.emulator.accounts_changes)
                       WHERE latest = 1) s
                ON t.account_id = s.account_id
                WHEN MATCHED AND s.__version > t.__version AND s.__op = 'd' THEN DELETE
                WHEN MATCHED AND s.__version > t.__version THEN UPDATE SET *
                WHEN NOT MATCHED AND s.__op <> 'd' THEN INSERT *""");

        List<String> columns = List.of(spark.table("emulator.emulator.accounts").columns());
        assertThat(columns).containsExactlyInAnyOrderElementsOf(
                List.of(spark.table("emulator.emulator.accounts_expected").columns()));
        String list = String.join(", ", columns.stream().map(c -> "`" + c + "`").toList());
        Row compared = spark.sql("SELECT (SELECT count(*) FROM emulator.emulator.accounts), (SELECT count(*) FROM "
                + "(SELECT " + list + " FROM emulator.emulator.accounts EXCEPT ALL SELECT " + list + " FROM "
                + "emulator.emulator.accounts_expected)), (SELECT count(*) FROM (SELECT " + list + " FROM "
                + "emulator.emulator.accounts_expected EXCEPT ALL SELECT " + list + " FROM emulator.emulator.accounts))")
                .collectAsList().get(0);
        assertThat(compared.getLong(0)).as("rows").isEqualTo(snapshotRows).isPositive();
        assertThat(compared.getLong(1)).as("merged rows not in the snapshot").isZero();
        assertThat(compared.getLong(2)).as("snapshot rows not merged").isZero();
    }
}
