package dev.dataemulator.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every mode × {parquet, avro} × partitioned/unpartitioned through the {@code file} sink, read back by DuckDB or by
 * Avro's own reader: as many rows as delivered, distinct keys, partition directories that agree with the records.
 */
class FileSinkLakehouseTest {
    static final String PARTITION_BY = "dt={created_at:yyyy-MM-dd}/hour={created_at:HH}";

    @TempDir
    Path dir;

    static EmulationReport run(String sink, Map<String, String> config, long records, boolean envelope) {
        return run(new OrderDomain(), sink, config, records, envelope);
    }

    static EmulationReport run(OrderDomain domain, String sink, Map<String, String> config, long records,
            boolean envelope) {
        EmulationSpec spec = EmulationSpec.builder()
                .domain("order")
                .registry(DomainRegistry.of(domain))
                .sink(sink, config)
                .threads(2)
                .maxRecords(records)
                .envelope(envelope)
                .seed(7)
                .build();
        try (Emulation emulation = EmulationRunner.start(spec)) {
            return emulation.awaitCompletion(Duration.ofMinutes(2));
        }
    }

    static void assertDelivered(EmulationReport report, long records) {
        assertThat(report.failure()).isEmpty();
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().generated()).isEqualTo(records);
        assertThat(report.stats().delivered()).isEqualTo(records);
        assertThat(report.stats().failed()).isZero();
    }

    /** Asserts rows: one per delivered record, distinct keys, keys matching seq, partitions agreeing with records. */
    static void assertRows(List<Readers.Row> rows, long records, boolean partitioned) {
        assertThat(rows).hasSize((int) records);
        assertThat(rows.stream().map(Readers.Row::id).collect(Collectors.toSet())).hasSize((int) records);
        assertThat(rows.stream().map(Readers.Row::seq).collect(Collectors.toSet()))
                .isEqualTo(java.util.stream.LongStream.range(0, records).boxed().collect(Collectors.toSet()));
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
        DateTimeFormatter hour = DateTimeFormatter.ofPattern("HH", Locale.ROOT).withZone(ZoneOffset.UTC);
        for (Readers.Row row : rows) {
            assertThat(row.id()).isEqualTo(OrderDomain.id(row.seq()));
            if (partitioned) {
                Instant created = Instant.EPOCH.plusNanos(OrderDomain.createdMicros(row.seq()) * 1000);
                assertThat(row.dt()).as("dt of seq %d", row.seq()).isEqualTo(day.format(created));
                assertThat(row.hour()).as("hour of seq %d", row.seq()).isEqualTo(hour.format(created));
            } else {
                assertThat(row.dt()).isNull();
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} partitioned={2}")
    @CsvSource({
        "single, parquet, false", "single, parquet, true", "single, avro, false", "single, avro, true",
        "grouped, parquet, false", "grouped, parquet, true", "grouped, avro, false", "grouped, avro, true",
        "chunked, parquet, false", "chunked, parquet, true", "chunked, avro, false", "chunked, avro, true"})
    void everyModeAndFormatReadsBackExactly(String mode, String format, boolean partitioned) throws Exception {
        long records = mode.equals("single") ? 30 : 200;
        Map<String, String> config = new HashMap<>(Map.of("path", dir.toString(), "sync_type", mode,
                "format_type", format, "max_chunk_size", "4KB", "max_open_partitions", "3"));
        if (format.equals("parquet")) {
            config.put("row_group_size", "64KiB");
        }
        if (partitioned) {
            config.put("partition_by", PARTITION_BY);
        }
        EmulationReport report = run("file", config, records, false);

        assertDelivered(report, records);
        Path root = dir.resolve("orders");
        Readers.assertNoTemporaryFiles(root);
        List<Readers.Row> rows = format.equals("parquet") ? Readers.parquet(root, partitioned) : Readers.avro(root);
        assertRows(rows, records, partitioned);
        List<Path> files = Readers.files(root, format);
        String base = "order/" + (partitioned ? "dt=2026-11-30/hour=00/" : "") + report.id() + "/";
        assertThat(files).anySatisfy(f -> assertThat(root.relativize(f).toString().replace('\\', '/'))
                .startsWith(base).matches(".*/(part-\\d{6}|record-\\d{12})\\." + format));
        if (!mode.equals("single") && !partitioned) {
            assertThat(files).hasSizeGreaterThan(mode.equals("chunked") ? 1 : 0);
        }
    }

    @Test
    void parquetColumnsHaveTheDeclaredTypes() throws Exception {
        EmulationReport report = run("file", Map.of("path", dir.toString(), "format_type", "parquet",
                "compression", "zstd"), 50, false);
        assertDelivered(report, 50);

        Map<String, String> types = Readers.parquetTypes(dir.resolve("orders"));
        assertThat(types).containsExactly(
                Map.entry("order_id", "VARCHAR"),
                Map.entry("seq", "BIGINT"),
                Map.entry("quantity", "INTEGER"),
                Map.entry("amount", "DECIMAL(7,2)"),
                Map.entry("score", "DOUBLE"),
                Map.entry("paid", "BOOLEAN"),
                Map.entry("created_at", "TIMESTAMP WITH TIME ZONE"),
                Map.entry("ship_date", "DATE"),
                Map.entry("note", "VARCHAR"),
                Map.entry("address", "STRUCT(city VARCHAR, zip INTEGER)"),
                Map.entry("tags", "VARCHAR[]"),
                Map.entry("lines", "STRUCT(sku VARCHAR, qty INTEGER)[]"));
        // values as written: decimal, nulls, nested and list values
        assertThat(Readers.query(dir.resolve("orders"), "SELECT sum(amount)::VARCHAR, count(note), "
                + "max(address.zip), sum(len(tags))::BIGINT, sum(len(lines))::BIGINT, max(epoch_us(created_at)), "
                + "min(ship_date)::VARCHAR FROM t"))
                .containsExactly("1011.75", 33L, 10049, 49L, 75L, OrderDomain.createdMicros(49), "2026-12-02");
        // the smallest physical type for the precision: no "fits in an INT32" warning from parquet-java
        assertThat(Readers.parquetPhysicalTypes(dir.resolve("orders"))).containsEntry("amount", "INT32")
                .containsEntry("seq", "INT64");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"parquet", "avro", "csv"})
    void formatsOtherThanJsonNeverEncodeJsonAndCountTheirOwnBytes(String format) throws Exception {
        OrderDomain domain = new OrderDomain();
        EmulationReport report = run(domain, "file", Map.of("path", dir.toString(), "format_type", format,
                "sync_type", "chunked", "max_chunk_size", "4KB"), 200, false);
        assertDelivered(report, 200);

        // each record's fields are read once, by the format's encoder; a JSON encoding would read them again
        assertThat(domain.fieldReads).hasValue(200);
        long json = Fixtures.of("order").registry(DomainRegistry.of(new OrderDomain())).envelope(false).seed(7)
                .records(200).stream().mapToLong(r -> r.json().length).sum();
        if (format.equals("csv")) {
            // the files hold exactly what was counted: header and rows
            long written = 0;
            for (Path file : Readers.files(dir.resolve("orders"), "csv")) {
                written += java.nio.file.Files.size(file);
            }
            assertThat(report.stats().bytes()).isEqualTo(written);
        } else {
            // binary encodings, smaller than the JSON they never made
            assertThat(report.stats().bytes()).as("bytes in the format, not JSON's %d", json).isPositive()
                    .isLessThan(json);
        }
    }

    @Test
    void columnsWhoseValuesRarelyRepeatHaveNoDictionaryByDefault() throws Exception {
        EmulationReport report = run("file", Map.of("path", dir.toString(), "format_type", "parquet"), 200, true);
        assertDelivered(report, 200);

        Map<String, String> encodings = Readers.parquetEncodings(dir.resolve("orders"));
        // UUIDs, decimals, doubles and timestamps: plain
        for (String column : List.of("data.order_id", "data.amount", "data.score", "data.created_at")) {
            assertThat(encodings.get(column)).as(column).doesNotContain("DICTIONARY");
        }
        // strings, ints, longs, dates, the envelope's constant id: a dictionary while it pays (seq, all distinct,
        // is plain: Parquet itself drops a dictionary that does not shrink the first page)
        for (String column : List.of("emulation_id", "timestamp", "data.quantity", "data.ship_date",
                "data.address.city", "data.lines.list.element.sku")) {
            assertThat(encodings.get(column)).as(column).contains("DICTIONARY");
        }
    }

    @ParameterizedTest(name = "dictionary={0}")
    @CsvSource({"all, true", "none, false"})
    void theDictionarySettingCoversEveryColumn(String setting, boolean dictionary) throws Exception {
        EmulationReport report = run("file", Map.of("path", dir.toString(), "format_type", "parquet",
                "dictionary", setting), 200, true);
        assertDelivered(report, 200);

        Map<String, String> encodings = Readers.parquetEncodings(dir.resolve("orders"));
        // score repeats eight values: a dictionary pays for it, but only "all" gives doubles one
        for (String column : List.of("emulation_id", "data.score", "data.address.city")) {
            assertThat(encodings.get(column).contains("DICTIONARY")).as(column).isEqualTo(dictionary);
        }
    }

    @Test
    void theEnvelopeIsAStructNextToEmulationIdAndTimestamp() throws Exception {
        EmulationReport report = run("file", Map.of("path", dir.toString(), "format_type", "parquet",
                "compression", "gzip"), 20, true);
        assertDelivered(report, 20);

        Map<String, String> types = Readers.parquetTypes(dir.resolve("orders"));
        assertThat(types.keySet()).containsExactly("emulation_id", "timestamp", "data");
        assertThat(types.get("data")).startsWith("STRUCT(order_id VARCHAR, seq BIGINT");
        assertThat(Readers.query(dir.resolve("orders"), "SELECT count(DISTINCT data.order_id), min(emulation_id) "
                + "FROM t")).containsExactly(20L, report.id());
    }

    @Test
    void avroFilesEmbedTheirSchemaWithLogicalTypes() throws Exception {
        EmulationReport report = run("file", Map.of("path", dir.toString(), "format_type", "avro",
                "compression", "deflate", "sync_type", "grouped"), 40, false);
        assertDelivered(report, 40);

        List<Path> files = Readers.files(dir.resolve("orders"), "avro");
        assertThat(files).hasSize(1);
        org.apache.avro.Schema schema = Readers.avroSchema(files.get(0));
        assertThat(schema.getField("created_at").schema().getLogicalType().getName()).isEqualTo("timestamp-micros");
        assertThat(schema.getField("amount").schema().getLogicalType().getName()).isEqualTo("decimal");
        assertThat(schema.getField("ship_date").schema().getLogicalType().getName()).isEqualTo("date");
        assertThat(schema.getField("note").schema().isNullable()).isTrue();
        assertThat(Readers.avro(dir.resolve("orders"))).hasSize(40);
    }

    @Test
    void recordTimePartitionsTextFormatsToo() throws Exception {
        EmulationReport report = run("file", Map.of("path", dir.toString(), "format_type", "jsonl",
                "partition_by", "dt={record_time:yyyy-MM-dd}/city={address.city}"), 40, false);
        assertDelivered(report, 40);

        Set<String> dirs = Readers.files(dir.resolve("orders"), "jsonl").stream()
                .map(f -> dir.resolve("orders").relativize(f).getParent().getParent().toString().replace('\\', '/'))
                .collect(Collectors.toSet());
        // four cities; twice as many directories if a day boundary passes during the run
        assertThat(dirs).hasSizeBetween(4, 8).allSatisfy(d -> assertThat(d).matches("order/dt=\\d{4}-\\d{2}-\\d{2}/city=.+"));
        assertThat(dirs).anySatisfy(d -> assertThat(d).endsWith("/city=Z\u00fcrich, %22CH%22"));
    }
}
