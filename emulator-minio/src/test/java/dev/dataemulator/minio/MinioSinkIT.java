package dev.dataemulator.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.support.ObjectSink;
import dev.dataemulator.testkit.EmbeddedS3;
import dev.dataemulator.testkit.EmbeddedS3Extension;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every mode and format against a real S3 server: what was delivered is exactly what can be read back. */
class MinioSinkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CHUNK = 32 * 1024;
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new ParcelDomain());

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    private static MinioClient reader;

    @BeforeAll
    static void reader() {
        EmbeddedS3 s3 = S3.server();
        reader = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).build();
    }

    @AfterAll
    static void closeReader() throws Exception {
        reader.close();
    }

    static Stream<Arguments> modesAndFormats() {
        List<Arguments> all = new ArrayList<>();
        for (String mode : List.of("chunked", "grouped", "single")) {
            for (String format : List.of("json", "jsonl", "csv")) {
                all.add(Arguments.of(mode, format));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndFormats")
    void everyDeliveredRecordIsReadBackOnce(String mode, String format) throws Exception {
        String bucket = "it-" + mode + "-" + format;
        int records = mode.equals("single") ? 200 : 2000;

        EmulationReport report = run(bucket, records, Map.of("sync_type", mode, "format_type", format));

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().generated()).isEqualTo(records);
        assertThat(report.stats().delivered()).isEqualTo(records);
        assertThat(report.stats().failed()).isZero();
        assertThat(reader.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();

        Map<String, byte[]> objects = objects(bucket);
        assertThat(objects.keySet()).allSatisfy(key -> assertThat(key)
                .startsWith(ParcelDomain.NAME + "/" + report.id() + "/").endsWith("." + format));
        List<JsonNode> docs = new ArrayList<>();
        for (byte[] body : objects.values()) {
            docs.addAll(parse(format, body, report.id()));
        }
        assertThat(docs).hasSize((int) report.stats().delivered());
        Set<Long> seqs = new HashSet<>();
        for (JsonNode doc : docs) {
            long seq = doc.path("data").path("seq").asLong(-1);
            assertThat(seqs.add(seq)).as("seq %s appears once", seq).isTrue();
            assertThat(doc.path("emulation_id").asText()).isEqualTo(report.id());
            assertThat(doc.path("data").path("address").asText()).isEqualTo(expectedAddress(seq));
            assertThat(doc.path("data").path("parcel_id").asText()).isEqualTo("p-" + seq);
            assertThat(doc.path("data").path("dims").path("height").asLong())
                    .isEqualTo(2 * doc.path("data").path("dims").path("width").asLong());
        }
        assertThat(seqs).hasSize(records).allSatisfy(seq -> assertThat(seq).isBetween(0L, records - 1L));

        switch (mode) {
            case "grouped" -> assertThat(objects).hasSize(1);
            case "single" -> assertThat(objects).hasSize(records);
            default -> {
                int maxRecord = docs.stream().mapToInt(d -> d.toString().length()).max().orElseThrow() + 256;
                assertThat(objects).hasSizeGreaterThan(4);
                assertThat(objects.values()).allSatisfy(body -> assertThat((long) body.length)
                        .isLessThanOrEqualTo(CHUNK + maxRecord));
            }
        }
    }

    @Test
    void gzipChunksAreValidGzipOfTheFormat() throws Exception {
        EmulationReport report = run("it-gzip", 1500, Map.of("format_type", "csv", "gzip", "true",
                "prefix", "/exports/daily/"));

        assertThat(report.stats().delivered()).isEqualTo(1500);
        Map<String, byte[]> objects = objects("it-gzip");
        assertThat(objects.keySet()).allSatisfy(key -> assertThat(key)
                .startsWith("exports/daily/" + ParcelDomain.NAME + "/" + report.id() + "/part-").endsWith(".csv.gz"));
        long rows = 0;
        for (byte[] body : objects.values()) {
            rows += parse("csv", gunzip(body), report.id()).size();
        }
        assertThat(rows).isEqualTo(1500);
    }

    @Test
    void oldChunksAreUploadedBeforeTheyAreFull() throws Exception {
        EmbeddedS3 s3 = S3.server();
        AtomicLong now = new AtomicLong(); // the sink's clock: a chunk ages only when the test moves it
        try (ObjectSink sink = ObjectSink.create(MinioStore.factory(null), Map.of("endpoint", s3.endpoint(),
                "access_key", s3.accessKey(), "secret_key", s3.secretKey(), "chunk_max_age", "40ms"),
                FormatRegistry.discover(), now::get)) {
            EmulationReport report;
            try (var emulation = EmulationRunner.start(EmulationSpec.builder().registry(DOMAINS)
                    .domain(ParcelDomain.NAME).resource("it-aged").sink(sink).maxRecords(10).build())) {
                // the runner flushes at the end; the record count is tiny, far below max_chunk_size
                report = emulation.awaitCompletion(Duration.ofSeconds(30));
            }
            assertThat(report.stats().delivered()).isEqualTo(10);
            long before = objects("it-aged").size();
            sink.produce("it-aged", "k", TestRecords.parcel("aged-run", 99));
            now.addAndGet(Duration.ofMillis(39).toNanos());
            assertThat(objects("it-aged")).as("younger than chunk_max_age on the sink's clock").hasSize((int) before);
            now.addAndGet(Duration.ofMillis(1).toNanos());
            // at its age the ager (checking every 10 ms) uploads it without a flush
            await().atMost(Duration.ofSeconds(10)).until(() -> objects("it-aged").size() == before + 1);
        }
    }

    @Test
    void aBackfillWritesEachRecordWithItsEventTime() throws Exception {
        EmbeddedS3 s3 = S3.server();
        java.time.Instant from = java.time.Instant.parse("2025-06-01T00:00:00Z");
        EmulationSpec spec = EmulationSpec.builder().registry(DOMAINS).domain(ParcelDomain.NAME)
                .resource("it-backfill").seed(42).id("backfill").threads(2)
                .sink("minio", Map.of("endpoint", s3.endpoint(), "access_key", s3.accessKey(),
                        "secret_key", s3.secretKey(), "format_type", "jsonl"))
                .ratePerSecond(1).eventTime(dev.dataemulator.core.EventTime.backfill(from,
                        from.plus(java.time.Duration.ofMinutes(30))))
                .build();

        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(1800);
        List<JsonNode> docs = new ArrayList<>();
        for (byte[] body : objects("it-backfill").values()) {
            docs.addAll(parse("jsonl", body, report.id()));
        }
        assertThat(docs).hasSize(1800).allSatisfy(doc -> assertThat(doc.path("timestamp").asLong())
                .isEqualTo(from.getEpochSecond() + doc.path("data").path("seq").asLong()));
    }

    private static EmulationReport run(String bucket, int records, Map<String, String> settings) {
        EmbeddedS3 s3 = S3.server();
        Map<String, String> config = new HashMap<>(settings);
        config.put("endpoint", s3.endpoint());
        config.put("access_key", s3.accessKey());
        config.put("secret_key", s3.secretKey());
        config.putIfAbsent("max_chunk_size", String.valueOf(CHUNK));
        return EmulationRunner.run(EmulationSpec.builder()
                .registry(DOMAINS)
                .domain(ParcelDomain.NAME)
                .resource(bucket)
                .sink("minio", config)
                .threads(4)
                .maxRecords(records)
                .seed(42)
                .build());
    }

    static String expectedAddress(long seq) {
        return seq + " Main St, Apt \"" + (seq % 9) + "\"\nSpringfield";
    }

    private static Map<String, byte[]> objects(String bucket) throws Exception {
        Map<String, byte[]> objects = new HashMap<>();
        for (Result<Item> result : reader.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true)
                .build())) {
            String key = result.get().objectName();
            try (InputStream in = reader.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                objects.put(key, in.readAllBytes());
            }
        }
        return objects;
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    /** Parses an object into one JSON tree per record, CSV rows rebuilt into the JSON envelope's shape. */
    private static List<JsonNode> parse(String format, byte[] body, String emulationId) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8);
        switch (format) {
            case "json" -> {
                JsonNode tree = JSON.readTree(body);
                if (tree.isArray()) {
                    tree.forEach(docs::add);
                } else {
                    docs.add(tree);
                }
            }
            case "jsonl" -> {
                assertThat(text).endsWith("\n");
                for (String line : text.split("\n")) {
                    docs.add(JSON.readTree(line));
                }
            }
            default -> {
                CSVFormat csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
                try (Reader in = new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
                        CSVParser parser = csv.parse(in)) {
                    List<String> expected = new ArrayList<>(List.of("emulation_id", "timestamp"));
                    ParcelDomain.DATA_FIELDS.forEach(field -> expected.add("data." + field));
                    assertThat(parser.getHeaderNames()).containsExactlyElementsOf(expected);
                    for (CSVRecord row : parser) {
                        assertThat(row.isConsistent()).isTrue();
                        var doc = JSON.createObjectNode();
                        doc.put("emulation_id", row.get("emulation_id"));
                        var data = doc.putObject("data");
                        data.put("parcel_id", row.get("data.parcel_id"));
                        data.put("seq", Long.parseLong(row.get("data.seq")));
                        data.put("address", row.get("data.address"));
                        Double.parseDouble(row.get("data.weight_kg"));
                        var dims = data.putObject("dims");
                        dims.put("width", Long.parseLong(row.get("data.dims.width")));
                        dims.put("height", Long.parseLong(row.get("data.dims.height")));
                        docs.add(doc);
                    }
                }
                assertThat(emulationId).isNotBlank();
            }
        }
        return docs;
    }
}
