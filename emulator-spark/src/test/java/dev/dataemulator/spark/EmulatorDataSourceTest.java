package dev.dataemulator.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.InvalidSettingException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmulatorDataSourceTest {
    static final String INSTANT = "2026-01-01T00:00:00Z";
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SharedSpark.session();
    }

    static Dataset<Row> read(String domain, long rows, int partitions) {
        return SharedSpark.session().read().format("emulator").option("domain", domain).option("rows", rows)
                .option("seed", 42)
                .option("partitions", partitions).option("clock.instant", INSTANT).load();
    }

    @Test
    void rowsAreIdenticalForAnyPartitionCount() {
        Dataset<Row> three = read("transaction", 3000, 3);
        Dataset<Row> seven = read("transaction", 3000, 7);

        assertThat(three.rdd().getNumPartitions()).isEqualTo(3);
        assertThat(seven.rdd().getNumPartitions()).isEqualTo(7);
        assertThat(three.count()).isEqualTo(3000);
        assertThat(three.exceptAll(seven).count()).isZero();
        assertThat(seven.exceptAll(three).count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"transaction", "user-profile", "device-log"})
    void rowsEqualFixturesForTheSameSeed(String domain) {
        List<Row> rows = read(domain, 300, 4).collectAsList();
        List<EmulatedRecord> records = Fixtures.of(domain).seed(42).envelope(false)
                .clock(Clock.fixed(Instant.parse(INSTANT), ZoneOffset.UTC)).records(300);

        assertThat(rows).hasSize(300);
        List<Map<String, Object>> actual = new ArrayList<>();
        rows.forEach(row -> actual.add(normalize(row)));
        // the records' ISO-8601 times are read back with java.time, the rows' as Spark returns them: a time written
        // wrongly on either side differs
        StructType schema = rows.get(0).schema();
        List<Map<String, Object>> expected = new ArrayList<>();
        records.forEach(record -> expected.add(expected(record.dataAsMap(), schema)));
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual).anySatisfy(row -> assertThat(row.values())
                .hasAtLeastOneElementOfType(java.time.temporal.Temporal.class));
    }

    @Test
    void withDuplicateFaultsTheRowsAreTheRunnersRecordsAndRepeatsInItsOrderForAnyPartitionCount() {
        dev.dataemulator.core.support.MemorySyncProducer sink = new dev.dataemulator.core.support.MemorySyncProducer();
        dev.dataemulator.core.EmulationRunner.run(dev.dataemulator.core.EmulationSpec.builder().domain("transaction")
                .seed(42).id("spark").envelope(false).clock(Clock.fixed(Instant.parse(INSTANT), ZoneOffset.UTC))
                .maxRecords(300).threads(1).fault("duplicate", "0.05").sink(sink).build());
        List<EmulatedRecord> records = sink.records("transactions");
        assertThat(records).hasSizeGreaterThan(300);
        for (int partitions : new int[] {1, 4}) {
            List<Row> rows = read("transaction", 300, partitions, Map.of("faults.duplicate", "0.05")).collectAsList();
            List<Map<String, Object>> actual = new ArrayList<>();
            rows.forEach(row -> actual.add(normalize(row)));
            StructType schema = rows.get(0).schema();
            List<Map<String, Object>> expected = new ArrayList<>();
            records.forEach(record -> expected.add(expected(record.dataAsMap(), schema)));
            assertThat(actual).as("%s partitions", partitions).containsExactlyElementsOf(expected);
        }
        List<EmulatedRecord> labels = sink.records("transactions_faults");
        assertThat(labels).isNotEmpty();
        List<Row> labelRows = read("transaction", 300, 3, Map.of("faults.duplicate", "0.05", "read", "labels"))
                .collectAsList();
        List<Map<String, Object>> actualLabels = new ArrayList<>();
        labelRows.forEach(row -> actualLabels.add(normalize(row)));
        List<Map<String, Object>> expectedLabels = new ArrayList<>();
        labels.forEach(label -> expectedLabels.add(expected(label.dataAsMap(), labelRows.get(0).schema())));
        assertThat(actualLabels).containsExactlyElementsOf(expectedLabels);
        assertThat(actualLabels).allSatisfy(label -> assertThat(label).containsEntry("kind", "duplicate"));
    }

    @Test
    void faultsARowCannotHoldAreRefusedNamingTheEntry() {
        assertThatThrownBy(() -> read("transaction", 10, 1, Map.of("faults.null.rate", "0.1",
                "faults.null.fields", "amount")).count())
                .hasMessageContaining("faults.null.rate").hasMessageContaining("Spark rows");
        assertThatThrownBy(() -> read("transaction", 10, 1, Map.of("faults.duplicate", "1.5")).count())
                .hasMessageContaining("faults.duplicate").hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> read("transaction", 10, 1, Map.of("read", "faults")).count())
                .hasMessageContaining("'read' = 'faults'").hasMessageContaining("expected records or labels");
    }

    static Dataset<Row> read(String domain, long rows, int partitions, Map<String, String> more) {
        return SharedSpark.session().read().format("emulator").option("domain", domain).option("rows", rows)
                .option("seed", 42).option("partitions", partitions).option("clock.instant", INSTANT).options(more)
                .load();
    }

    @Test
    void schemaIsTheDomainsTypedSchema() {
        StructType schema = read("transaction", 1, 1).schema();

        assertThat(schema.apply("amount").dataType()).isEqualTo(DataTypes.createDecimalType(12, 2));
        assertThat(schema.apply("timestamp").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(schema.apply("user_id").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(schema.apply("fraud_scenario").nullable()).isTrue();
        assertThat(schema.apply("transaction_id").nullable()).isFalse();
        assertThat(read("user-profile", 1, 1).schema().apply("date_of_birth").dataType())
                .isEqualTo(DataTypes.DateType);
    }

    @Test
    void envelopeWrapsTheFields() {
        Dataset<Row> enveloped = spark.read().format("emulator").option("domain", "transaction").option("rows", 5)
                .option("seed", 42).option("envelope", "true").option("emulation.id", "lake").option("clock.instant", INSTANT).load();

        assertThat(enveloped.schema().fieldNames()).containsExactly("emulation_id", "timestamp", "data");
        Row first = enveloped.collectAsList().get(0);
        assertThat(first.getString(0)).isEqualTo("lake");
        assertThat(first.getLong(1)).isEqualTo(Instant.parse(INSTANT).getEpochSecond());
        assertThat(first.getStruct(2).<Object>getAs("transaction_id"))
                .isEqualTo(read("transaction", 1, 1).first().getAs("transaction_id"));
    }

    @Test
    void reportsRowsAsStatistics() {
        read("transaction", 12345, 2).createOrReplaceTempView("stats_probe");

        // EXPLAIN COST prints the optimizer's estimate, which comes from SupportsReportStatistics
        String plan = spark.sql("EXPLAIN COST SELECT * FROM stats_probe").first().getString(0);
        assertThat(plan).contains("rowCount=1.23E+4");
    }

    @Test
    void parquetWriteReadsBackEveryRow(@TempDir Path dir) {
        String path = dir.resolve("transactions").toUri().toString();
        read("transaction", 5000, 4).write().parquet(path);

        Dataset<Row> back = spark.read().parquet(path);
        assertThat(back.count()).isEqualTo(5000);
        assertThat(back.select("transaction_id").distinct().count()).isEqualTo(5000);
        assertThat(back.exceptAll(read("transaction", 5000, 2)).count()).isZero();
    }

    static final String SHOP = String.join("\n",
            "version: 1",
            "domains:",
            "  customers:",
            "    key: customer_id",
            "    count: 500",
            "    fields:",
            "      customer_id: {unique: {min: 100000, max: 999999}}",
            "      tier: {weighted: {gold: 1, silver: 3, bronze: 6}}",
            "  orders:",
            "    key: order_id",
            "    fields:",
            "      order_id: {uuid: {}}",
            "      customer_id: {ref: {domain: customers, field: customer_id, pick: zipf, exponent: 1.2}}",
            "      customer_tier: {ref: {domain: customers, field: tier, same_as: customer_id}}",
            "      lines:",
            "        array:",
            "          size: {min: 1, max: 3}",
            "          items:",
            "            object:",
            "              fields:",
            "                qty: {int: {min: 1, max: 4}}",
            "                unit_price: {decimal: {min: 0.5, max: 500, scale: 2}}",
            "      created_at: {timestamp: {now: {}}}",
            "");

    static Dataset<Row> declared(String domain, long rows, int partitions) {
        return SharedSpark.session().read().format("emulator").option("definition", SHOP).option("domain", domain)
                .option("rows", rows).option("seed", 7).option("partitions", partitions)
                .option("clock.instant", INSTANT).load();
    }

    @Test
    void declarativeDomainsComeOutWithEveryReferenceResolving() {
        Dataset<Row> customers = declared("customers", 1000, 2);
        Dataset<Row> orders = declared("orders", 3000, 3);

        assertThat(customers.count()).as("a finite domain ends at its count").isEqualTo(500);
        assertThat(orders.schema().apply("lines").dataType().simpleString()).startsWith("array<struct<qty:");
        assertThat(orders.exceptAll(declared("orders", 3000, 5)).count()).isZero();
        assertThat(declared("orders", 3000, 5).exceptAll(orders).count()).isZero();
        Dataset<Row> dangling = orders.join(customers,
                orders.col("customer_id").equalTo(customers.col("customer_id"))
                        .and(orders.col("customer_tier").equalTo(customers.col("tier"))), "left_anti");
        assertThat(dangling.count()).isZero();
    }

    @Test
    void eachDomainOfADefinitionReadsAsTheRunnersRunOfAllItsDomainsMakesIt() {
        dev.dataemulator.core.support.MemorySyncProducer sink = new dev.dataemulator.core.support.MemorySyncProducer();
        dev.dataemulator.core.EmulationRunner.run(dev.dataemulator.core.EmulationSpec.builder()
                .registry(dev.dataemulator.declarative.DeclarativeDomains.withDefinition(
                        dev.dataemulator.core.DomainRegistry.discover(), "definition", SHOP).toBuilder()
                        .resource("customers", "customers").resource("orders", "orders").build())
                .set("domain", "customers,orders").set("max_records", "orders=400").seed(7).id("spark")
                .envelope(false).clock(Clock.fixed(Instant.parse(INSTANT), ZoneOffset.UTC)).sink(sink).threads(2)
                .build());
        for (String domain : List.of("customers", "orders")) {
            List<Row> rows = declared(domain, domain.equals("orders") ? 400 : 1000, 2).collectAsList();
            List<Map<String, Object>> expected = new ArrayList<>();
            sink.records(domain).stream().sorted(java.util.Comparator.comparingLong(EmulatedRecord::seq))
                    .forEach(record -> expected.add(expected(record.dataAsMap(), rows.get(0).schema())));
            List<Map<String, Object>> actual = new ArrayList<>();
            rows.forEach(row -> actual.add(normalize(row)));
            assertThat(actual).hasSize(domain.equals("orders") ? 400 : 500).containsExactlyElementsOf(expected);
        }
        assertThatThrownBy(() -> spark.read().format("emulator").option("definition", SHOP)
                .option("domain", "customers,orders").load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("'domain' = 'customers,orders'")
                .hasMessageContaining("one domain per read");
    }

    @Test
    void eventTimeOptionsMakeTheEnginesBackfillAndEndAtItsEnd() {
        String hourly = "1,1,1,1,1,1,2,2,2,2,2,2,3,3,3,3,3,3,1,1,1,1,1,1";
        Dataset<Row> backfill = spark.read().format("emulator").option("domain", "transaction").option("seed", 42)
                .option("partitions", 3).option("clock.instant", INSTANT)
                .option("event.time.backfill", "2025-12-01T00:00:00Z..2025-12-01T01:00:00Z")
                .option("event.time.rate", 0.5).option("rate.curve.hourly", hourly).option("lateness", "0.1:5m")
                .load();
        List<EmulatedRecord> records = Fixtures.of("transaction").seed(42).envelope(false)
                .clock(Clock.fixed(Instant.parse(INSTANT), ZoneOffset.UTC))
                .eventTime(dev.dataemulator.core.EventTime.backfill(Instant.parse("2025-12-01T00:00:00Z"),
                        Instant.parse("2025-12-01T01:00:00Z")))
                .ratePerSecond(0.5).rateCurve(dev.dataemulator.core.RateCurve.hourly(
                        java.util.Arrays.stream(hourly.split(",")).mapToDouble(Double::parseDouble).toArray()))
                .lateness(0.1, java.time.Duration.ofMinutes(5)).records(10_000);

        // the backfill ends at its end: no 'rows' needed, and as many rows as the engine would make
        List<Row> rows = backfill.collectAsList();
        assertThat(records).hasSizeBetween(1000, 2000);
        assertThat(rows).hasSameSizeAs(records);
        List<Map<String, Object>> expected = new ArrayList<>();
        records.forEach(record -> expected.add(expected(record.dataAsMap(), rows.get(0).schema())));
        List<Map<String, Object>> actual = new ArrayList<>();
        rows.forEach(row -> actual.add(normalize(row)));
        assertThat(actual).containsExactlyElementsOf(expected);
        // the time fields follow the virtual clock, some a few minutes late, not the fixed clock
        assertThat(rows).allSatisfy(row -> assertThat(row.<Instant>getAs("timestamp"))
                .isBetween(Instant.parse("2025-11-30T22:00:00Z"), Instant.parse("2025-12-01T01:00:00Z")));
    }

    @Test
    void badStreamAndDefinitionOptionsNameTheOption() {
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction").option("rows", 5)
                .option("rowsPerBatch", 0).load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("rowsPerBatch")
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction").option("rows", 5)
                .option("rowsPerSecond", "fast").load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("rowsPerSecond")
                .hasMessageContaining("fast");
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction").option("rows", 5)
                .option("definition", "no-such-shop.yaml").load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("definition")
                .hasMessageContaining("cannot read the definition file");
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "d").option("rows", 5)
                .option("definition", "domains:\n  d:\n    fields:\n      x: {int: {min: 5, max: 1}}\n").load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("domains.d.fields.x");
    }

    @Test
    void badEventTimeOptionsNameTheOption() {
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction").option("rows", 5)
                .option("event.time.backfill", "2026-01-02T00:00:00Z..2026-01-01T00:00:00Z").load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("event.time.backfill");
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction").option("rows", 5)
                .option("rate.curve.hourly", "1,2,3").load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("rate.curve.hourly");
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction").option("rows", 5)
                .option("lateness", "often").load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("lateness")
                .hasMessageContaining("FRACTION:MAX");
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction").option("rows", 5)
                .option("event.time.rate", "-1").load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("event.time.rate");
        // a backfill without its rate: the engine's own check, named as the source's user typed it
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction").option("rows", 5)
                .option("event.time.backfill", "2026-01-01T00:00:00Z..2026-01-02T00:00:00Z").load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("event.time.rate");
    }

    @Test
    void badOptionsNameTheOption() {
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction")
                .option("rows", "lots").load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("rows").hasMessageContaining("lots");
        assertThatThrownBy(() -> spark.read().format("emulator").option("rows", 5).load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("domain");
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction")
                .option("partitions", 0).load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("partitions");
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction")
                .option("clock.instant", "yesterday").load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("clock.instant");
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction").load().count())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("rows");
    }

    /** A Spark row as a map: times as {@code Instant} and {@code LocalDate}, decimals as plain text, integers as {@code Long}. */
    static Map<String, Object> normalize(Row row) {
        Map<String, Object> out = new LinkedHashMap<>();
        String[] names = row.schema().fieldNames();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], normalizeValue(row.get(i)));
        }
        return out;
    }

    /**
     * A record's {@code dataAsMap()} as {@link #normalize(Row)} shows its row: where {@code schema} has a timestamp
     * or a date, the ISO-8601 text is parsed with {@code java.time}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> expected(Map<String, Object> map, StructType schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((key, value) -> out.put(key, expectedValue(value, schema.apply(key).dataType())));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object expectedValue(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof StructType) {
            return expected((Map<String, Object>) value, (StructType) type);
        }
        if (type instanceof ArrayType) {
            List<Object> list = new ArrayList<>();
            ((List<?>) value).forEach(v -> list.add(expectedValue(v, ((ArrayType) type).elementType())));
            return list;
        }
        if (type.equals(DataTypes.TimestampType)) {
            return Instant.parse((String) value);
        }
        if (type.equals(DataTypes.DateType)) {
            return LocalDate.parse((String) value);
        }
        return normalizeValue(value);
    }

    private static Object normalizeValue(Object value) {
        if (value instanceof Row) {
            return normalize((Row) value);
        }
        if (value instanceof scala.collection.Seq) {
            List<Object> list = new ArrayList<>();
            scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) value)
                    .forEach(v -> list.add(normalizeValue(v)));
            return list;
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            ((List<?>) value).forEach(v -> list.add(normalizeValue(v)));
            return list;
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        return value;
    }
}
