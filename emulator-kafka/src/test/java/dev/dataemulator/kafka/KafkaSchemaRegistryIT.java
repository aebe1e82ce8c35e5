package dev.dataemulator.kafka;

import static dev.dataemulator.kafka.TopicContents.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.testkit.EmbeddedKafkaExtension;
import dev.dataemulator.testkit.EmbeddedSchemaRegistryExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code value_format} {@code avro} and {@code json_schema} against a real broker and a real schema registry
 * (Apicurio's Confluent-compatible API). What the sink wrote is read back as a registry-aware consumer would: the
 * schema id of each value looked up in the registry, Avro values decoded by Avro's own {@link GenericDatumReader},
 * JSON values validated against the registered JSON Schema; every field is compared with the records
 * {@link Fixtures} makes for the same seed. The registry is killed by the last test.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaSchemaRegistryIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @RegisterExtension
    static final EmbeddedSchemaRegistryExtension REGISTRY = new EmbeddedSchemaRegistryExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

    /** Schemas looked up by id, as a consumer caches them. */
    private final Map<Integer, String> schemas = new HashMap<>();

    private static Map<String, String> sinkConfig(String... keyValues) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", KAFKA.bootstrapServers());
        config.put("schema_registry_url", REGISTRY.url());
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private static EmulationSpec spec(String domain, String topic, String id, boolean envelope, int count,
            Map<String, String> config) {
        return EmulationSpec.builder().domain(domain).resource(topic).sink("kafka", config).threads(3)
                .maxRecords(count).seed(31).id(id).envelope(envelope).clock(CLOCK).build();
    }

    @Test
    @Order(1)
    void avroTransactionsReadBackThroughTheRegistryEqualTheFixturesFieldByField() throws Exception {
        EmulationSpec spec = spec("transaction", "avro-transactions", "avro-run", true, 300,
                sinkConfig("value_format", "avro"));

        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        List<ConsumerRecord<String, byte[]>> consumed = bySeq(TopicContents.readAll(client(), "avro-transactions"));
        List<EmulatedRecord> expected = Fixtures.like(spec, "avro-run", 31).records(300);
        assertThat(consumed).hasSize(300);
        int id = schemaId(consumed.get(0).value());
        for (int i = 0; i < expected.size(); i++) {
            byte[] value = consumed.get(i).value();
            assertThat(value[0]).as("magic byte").isZero();
            assertThat(schemaId(value)).as("one schema for the run").isEqualTo(id);
            GenericRecord decoded = decodeAvro(value);
            EmulatedRecord record = expected.get(i);
            assertThat(consumed.get(i).key()).isEqualTo(record.key());
            assertThat(decoded.get("emulation_id").toString()).isEqualTo("avro-run");
            assertThat(decoded.get("timestamp")).isEqualTo(record.timestamp());
            assertFields((GenericRecord) decoded.get("data"), record.dataAsMap());
        }
        assertThat(subjects()).contains("avro-transactions-value");
        // the logical types travel in the registered schema
        JsonNode amount = field(JSON.readTree(schemas.get(id)).path("fields").get(2).path("type"), "amount");
        assertThat(amount.path("type").path("logicalType").asText()).isEqualTo("decimal");
        assertThat(amount.path("type").path("scale").asInt()).isEqualTo(2);
        JsonNode time = field(JSON.readTree(schemas.get(id)).path("fields").get(2).path("type"), "timestamp");
        assertThat(time.path("type").path("logicalType").asText()).isEqualTo("timestamp-micros");
    }

    @Test
    @Order(2)
    void avroProfilesWithoutTheEnvelopeUnderTheRecordSubjectCarryDatesAndDecimals() throws Exception {
        EmulationSpec spec = spec("user-profile", "avro-profiles", "profiles", false, 200,
                sinkConfig("value_format", "avro", "subject_name_strategy", "record"));

        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        List<ConsumerRecord<String, byte[]>> consumed = bySeq(TopicContents.readAll(client(), "avro-profiles"));
        List<EmulatedRecord> expected = Fixtures.like(spec, "profiles", 31).records(200);
        assertThat(consumed).hasSize(200);
        for (int i = 0; i < expected.size(); i++) {
            assertFields(decodeAvro(consumed.get(i).value()), expected.get(i).dataAsMap());
        }
        assertThat(subjects()).contains("dev.dataemulator.records.user_profile");
    }

    @Test
    @Order(3)
    void jsonSchemaValuesAreTheRecordsJsonAndValidAgainstTheRegisteredSchema() throws Exception {
        EmulationSpec spec = spec("transaction", "json-schema-transactions", "json-run", true, 200,
                sinkConfig("value_format", "json_schema", "subject_name_strategy", "topic_record"));

        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        List<ConsumerRecord<String, byte[]>> consumed = bySeq(TopicContents.readAll(client(),
                "json-schema-transactions"));
        List<EmulatedRecord> expected = Fixtures.like(spec, "json-run", 31).records(200);
        assertThat(consumed).hasSize(200);
        Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                        .build())).getSchema(schema(schemaId(consumed.get(0).value())));
        for (int i = 0; i < expected.size(); i++) {
            byte[] value = consumed.get(i).value();
            assertThat(value[0]).isZero();
            String json = new String(value, 5, value.length - 5, StandardCharsets.UTF_8);
            assertThat(json).isEqualTo(expected.get(i).jsonString());
            assertThat(validator.validate(JSON.readTree(json))).as(json).isEmpty();
        }
        assertThat(validator.validate(JSON.readTree("{\"emulation_id\":\"x\",\"timestamp\":1,\"data\":{}}")))
                .as("the registered schema is the domain's, not an empty one").isNotEmpty();
        assertThat(subjects()).contains("json-schema-transactions-transaction (envelope)");
    }

    @Test
    @Order(3)
    void aSchemaDriftRegistersTheNewVersionAndEachValueCarriesTheIdOfItsVersion() throws Exception {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant at = Instant.parse("2026-01-15T00:00:00Z");
        EmulationSpec spec = EmulationSpec.builder().domain("user-profile").resource("drifting-profiles")
                .sink("kafka", sinkConfig("value_format", "avro")).threads(3).seed(31).id("drift-run")
                .envelope(false).eventTime(dev.dataemulator.core.EventTime.backfill(from,
                        Instant.parse("2026-02-01T00:00:00Z"))).ratePerSecond(1.0 / 3600)
                .fault("drift.at", at.toString()).fault("drift.drop", "phone")
                .fault("drift.rename.credit_score", "score").build();

        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        List<ConsumerRecord<String, byte[]>> consumed = bySeq(TopicContents.readAll(client(), "drifting-profiles"));
        List<EmulatedRecord> clean = Fixtures.like(spec, "drift-run", 31).records(consumed.size());
        assertThat(consumed).hasSize((int) report.stats().delivered()).hasSizeGreaterThan(500);
        java.util.Set<Integer> before = new java.util.TreeSet<>();
        java.util.Set<Integer> after = new java.util.TreeSet<>();
        for (int i = 0; i < consumed.size(); i++) {
            EmulatedRecord record = clean.get(i);
            Map<String, Object> expected = new LinkedHashMap<>(record.dataAsMap());
            if (!record.eventTime().isBefore(at)) {
                expected.remove("phone");
                Map<String, Object> renamed = new LinkedHashMap<>();
                expected.forEach((name, value) -> renamed.put(name.equals("credit_score") ? "score" : name, value));
                expected = renamed;
                after.add(schemaId(consumed.get(i).value()));
            } else {
                before.add(schemaId(consumed.get(i).value()));
            }
            GenericRecord decoded = decodeAvro(consumed.get(i).value());
            assertThat(decoded.getSchema().getFields()).extracting(org.apache.avro.Schema.Field::name)
                    .containsExactlyElementsOf(expected.keySet());
            assertFields(decoded, expected);
        }
        assertThat(before).hasSize(1);
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(get("/subjects/drifting-profiles-value/versions")).hasSize(2);
        assertThat(latestId("drifting-profiles-value")).isEqualTo(after.iterator().next());
    }

    @Test
    @Order(4)
    void withoutAutoRegisterTheSubjectsLatestVersionIsUsedWhenItIsTheDomainsSchema() throws Exception {
        EmulationSpec spec = spec("transaction", "avro-transactions", "reuse-run", true, 50,
                sinkConfig("value_format", "avro", "auto_register", "false"));
        int registered = latestId("avro-transactions-value");

        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        List<ConsumerRecord<String, byte[]>> consumed = TopicContents.readAll(client(), "avro-transactions");
        assertThat(consumed).hasSize(350);
        assertThat(consumed).allSatisfy(record -> assertThat(schemaId(record.value())).isEqualTo(registered));
    }

    @Test
    @Order(5)
    void aSchemaRegisteredAheadAsTheCommandLineDoesIsFoundWithoutAutoRegister() throws Exception {
        // what `emulator schema --register URL --domain user-profile --no-envelope --topic pre-registered` runs
        SchemaRegistration.Registered registered = SchemaRegistration.register(Map.of("value_format", "avro",
                "schema_registry_url", REGISTRY.url()), "pre-registered", "user-profile",
                DomainRegistry.discover().schema("user-profile"), false);
        assertThat(registered.subject()).isEqualTo("pre-registered-value");
        assertThat(latestId("pre-registered-value")).isEqualTo(registered.id());

        EmulationReport report = EmulationRunner.run(spec("user-profile", "pre-registered", "pre", false, 20,
                sinkConfig("value_format", "avro", "auto_register", "false")));

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(TopicContents.readAll(client(), "pre-registered"))
                .hasSize(20)
                .allSatisfy(record -> assertThat(schemaId(record.value())).isEqualTo(registered.id()));
    }

    @Test
    @Order(6)
    void withoutAutoRegisterAnotherSchemaUnderTheSubjectFailsTheRunNamingTheSubject() throws Exception {
        register("other-schema-value", "{\"type\":\"record\",\"name\":\"legacy\",\"fields\":[{\"name\":\"id\","
                + "\"type\":\"long\"}]}");
        EmulationSpec spec = spec("transaction", "other-schema", "refused-run", true, 1_000,
                sinkConfig("value_format", "avro", "auto_register", "false"));

        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("The latest version (1")
                .hasMessageContaining("of subject 'other-schema-value'")
                .hasMessageContaining("is not the domain's avro schema, and 'auto_register' is false");
        assertThat(report.stats().delivered()).isZero();
        assertThat(TopicContents.readAll(client(), "other-schema")).isEmpty();
    }

    @Test
    @Order(7)
    void anUnreachableRegistryFailsSetupWithinTheTimeoutNamingTheUrl() {
        Map<String, String> config = sinkConfig("value_format", "avro", "setup_timeout", "2s");
        config.put("schema_registry_url", "http://127.0.0.1:1/apis/ccompat/v7");

        long start = System.nanoTime();
        EmulationReport report = EmulationRunner.run(spec("transaction", "no-registry", "no-registry", true, 100,
                config));

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("The schema registry at http://127.0.0.1:1/apis/ccompat/v7 did not answer "
                        + "within 2000 ms")
                .hasMessageContaining("setup_timeout");
        assertThat(report.stats().generated()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    @Order(8)
    void theRegistryKilledAfterRegistrationDoesNotStopTheRun() throws Exception {
        Emulation emulation = EmulationRunner.start(EmulationSpec.builder().domain("transaction")
                .resource("avro-outage").sink("kafka", sinkConfig("value_format", "avro")).threads(2)
                .ratePerSecond(2_000).seed(5).id("outage").build());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> emulation.stats().delivered() > 200);
            int id = latestId("avro-outage-value");
            String schema = schema(id);
            REGISTRY.registry().kill();
            long before = emulation.stats().delivered();
            await().atMost(Duration.ofSeconds(60)).until(() -> emulation.stats().delivered() > before + 2_000);
            emulation.stop();
            EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(60));

            assertThat(report.status()).as(report.toString()).isIn(EmulationStatus.COMPLETED,
                    EmulationStatus.STOPPED);
            assertThat(report.stats().failed()).isZero();
            List<ConsumerRecord<String, byte[]>> consumed = TopicContents.readAll(client(), "avro-outage");
            assertThat(consumed).hasSize((int) report.stats().delivered());
            schemas.put(id, schema);
            for (ConsumerRecord<String, byte[]> record : consumed) {
                assertThat(schemaId(record.value())).isEqualTo(id);
                assertThat(decodeAvro(record.value()).get("emulation_id").toString()).isEqualTo("outage");
            }
        } finally {
            emulation.close();
        }
    }

    // --- a registry-aware consumer, written from the wire format's definition ---

    private static Map<String, Object> client() {
        return Map.of("bootstrap.servers", KAFKA.bootstrapServers());
    }

    private static List<ConsumerRecord<String, byte[]>> bySeq(List<ConsumerRecord<String, byte[]>> records) {
        List<ConsumerRecord<String, byte[]>> sorted = new ArrayList<>(records);
        sorted.sort((a, b) -> Long.compare(Long.parseLong(header(a, "seq")), Long.parseLong(header(b, "seq"))));
        return sorted;
    }

    private static int schemaId(byte[] value) {
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    private GenericRecord decodeAvro(byte[] value) throws IOException, InterruptedException {
        assertThat(value[0]).as("magic byte").isZero();
        org.apache.avro.Schema writer = new org.apache.avro.Schema.Parser().parse(schema(schemaId(value)));
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(writer, writer, model);
        var decoder = DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null);
        GenericRecord record = reader.read(null, decoder);
        assertThat(decoder.isEnd()).as("the value holds one record and nothing more").isTrue();
        return record;
    }

    /** Compares a decoded record with the record's own map view (strings, Long, BigDecimal, ISO times, ...). */
    private static void assertFields(GenericRecord decoded, Map<String, Object> expected) {
        assertThat(decoded.getSchema().getFields()).hasSize(expected.size());
        expected.forEach((name, value) -> {
            Object actual = decoded.get(name);
            if (value == null) {
                assertThat(actual).as(name).isNull();
            } else if (value instanceof BigDecimal decimal) {
                assertThat(actual).as(name).isEqualTo(decimal);
            } else if (actual instanceof Instant instant) {
                assertThat(instant).as(name).isEqualTo(OffsetDateTime.parse(value.toString()).toInstant());
            } else if (actual instanceof LocalDate date) {
                assertThat(date).as(name).isEqualTo(LocalDate.parse(value.toString()));
            } else if (actual instanceof Integer number) {
                assertThat(number.longValue()).as(name).isEqualTo(((Number) value).longValue());
            } else if (actual instanceof CharSequence text) {
                assertThat(text.toString()).as(name).isEqualTo(value.toString());
            } else {
                assertThat(actual).as(name).isEqualTo(value);
            }
        });
    }

    private static JsonNode field(JsonNode record, String name) {
        for (JsonNode field : record.path("fields")) {
            if (field.path("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name + " in " + record);
    }

    private String schema(int id) throws IOException, InterruptedException {
        String known = schemas.get(id);
        if (known == null) {
            known = get("/schemas/ids/" + id).path("schema").asText();
            schemas.put(id, known);
        }
        return known;
    }

    private static List<String> subjects() throws IOException, InterruptedException {
        List<String> subjects = new ArrayList<>();
        get("/subjects").forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    private static int latestId(String subject) throws IOException, InterruptedException {
        return get("/subjects/" + subject + "/versions/latest").path("id").asInt();
    }

    private static void register(String subject, String schema) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("schema", schema).toString();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(REGISTRY.url() + "/subjects/"
                + subject + "/versions")).header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(REGISTRY.url() + path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
