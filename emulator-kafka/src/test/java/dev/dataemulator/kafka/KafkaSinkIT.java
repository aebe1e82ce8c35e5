package dev.dataemulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.testkit.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Kafka sink against a real broker: what an emulation writes is checked by consuming the topic back. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaSinkIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> sinkConfig(String... keyValues) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", KAFKA.bootstrapServers());
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"transaction, transaction_id", "user-profile, user_id", "device-log, user_id"})
    void fiveThreadsForAFewSecondsDeliverEveryRecordExactlyOnce(String domain, String keyField) throws Exception {
        String topic = "five-threads-" + domain;

        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .domain(domain)
                .resource(topic)
                .sink("kafka", sinkConfig("topic_partitions", "3"))
                .threads(5)
                .duration(Duration.ofSeconds(3))
                .ratePerSecond(4_000)
                .build());

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        long delivered = report.stats().delivered();
        assertThat(delivered).isPositive().isEqualTo(report.stats().generated());
        assertThat(report.stats().failed()).isZero();
        assertThat(describe(topic).partitions()).hasSize(3);

        List<ConsumerRecord<String, byte[]>> records = consumeAll(topic);
        assertThat(records).hasSize((int) delivered);
        Set<String> expectedFields = Fixtures.of(domain).records(1).get(0).dataAsMap().keySet();
        Set<Long> seqs = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(header(record, "emulation_id")).isEqualTo(report.id());
            assertThat(header(record, "domain")).isEqualTo(domain);
            long seq = Long.parseLong(header(record, "seq"));
            assertThat(seqs.add(seq)).as("seq %d is unique", seq).isTrue();

            JsonNode envelope = JSON.readTree(record.value());
            assertThat(fieldNames(envelope)).containsExactly("emulation_id", "timestamp", "data");
            assertThat(envelope.get("emulation_id").asText()).isEqualTo(report.id());
            assertThat(envelope.get("timestamp").isIntegralNumber()).isTrue();
            JsonNode data = envelope.get("data");
            assertThat(fieldNames(data)).containsExactlyElementsOf(expectedFields);
            assertThat(record.key()).isEqualTo(data.get(keyField).asText());
        }
        assertThat(seqs).hasSize((int) delivered);
    }

    @Test
    void reusesAnExistingTopicAsItIs() throws Exception {
        String topic = "existing-topic";
        try (Admin admin = KAFKA.kafka().createAdmin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1)
                    .configs(Map.of("retention.ms", "7200000")))).all().get(30, TimeUnit.SECONDS);
        }

        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .domain("transaction")
                .resource(topic)
                .sink("kafka", sinkConfig("topic_partitions", "7", "topic_config.retention.ms", "1000"))
                .threads(2)
                .maxRecords(300)
                .build());

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(300);
        assertThat(describe(topic).partitions()).hasSize(2);
        assertThat(topicConfig(topic, "retention.ms")).isEqualTo("7200000");
        assertThat(consumeAll(topic)).hasSize(300);
    }

    @Test
    void createsAMissingTopicWithTheConfiguredPartitionsAndConfigs() throws Exception {
        String topic = "created-topic";
        try (KafkaSyncProducer sink = KafkaSyncProducer.create(sinkConfig("topic_partitions", "4",
                "topic_config.retention.ms", "3600000", "topic_config.max.message.bytes", "2000000"))) {
            sink.setupResource(topic);
            sink.setupResource(topic);
        }

        assertThat(describe(topic).partitions()).hasSize(4)
                .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));
        assertThat(topicConfig(topic, "retention.ms")).isEqualTo("3600000");
        assertThat(topicConfig(topic, "max.message.bytes")).isEqualTo("2000000");
    }

    @Test
    void maxRecordsPutsExactlyThatManyRecordsInTheTopic() throws Exception {
        String topic = "max-records";

        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .domain("transaction")
                .resource(topic)
                .sink("kafka", sinkConfig())
                .threads(5)
                .maxRecords(2_500)
                .build());

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(2_500);
        List<ConsumerRecord<String, byte[]>> records = consumeAll(topic);
        assertThat(records).hasSize(2_500);
        // the bytes counted are the values sent
        assertThat(report.stats().bytes()).isEqualTo(records.stream().mapToLong(r -> r.value().length).sum());
        assertThat(records.stream().map(record -> Long.parseLong(header(record, "seq"))))
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 2_500).boxed().toList());
        assertThat(describe(topic).partitions()).hasSize(KafkaSyncProducer.DEFAULT_PARTITIONS);
    }

    @Test
    void sixteenWorkersWithTinyBatchesDeliverEverySeqExactlyOnce() throws Exception {
        String topic = "stress-16";

        // tiny batches and no linger: many small produce requests in flight from 16 threads at once
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .domain("device-log")
                .resource(topic)
                .sink("kafka", sinkConfig("batch.size", "1024", "linger.ms", "0"))
                .threads(16)
                .maxRecords(20_000)
                .build());

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(20_000);
        assertThat(report.stats().failed()).isZero();
        List<ConsumerRecord<String, byte[]>> records = consumeAll(topic);
        assertThat(records.stream().map(record -> Long.parseLong(header(record, "seq"))))
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 20_000).boxed().toList());
    }

    @Test
    void aSeededRunWritesTheRecordsFixturesMakeWithTheSameSeed() throws Exception {
        String topic = "seeded";
        EmulationSpec spec = EmulationSpec.builder()
                .domain("transaction")
                .resource(topic)
                .sink("kafka", sinkConfig())
                .threads(4)
                .maxRecords(400)
                .seed(42)
                .id("seeded-run")
                .clock(Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC))
                .build();

        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        List<ConsumerRecord<String, byte[]>> consumed = new ArrayList<>(consumeAll(topic));
        consumed.sort((a, b) -> Long.compare(Long.parseLong(header(a, "seq")), Long.parseLong(header(b, "seq"))));
        List<EmulatedRecord> expected = Fixtures.like(spec, "seeded-run", 42).records(400);
        assertThat(consumed).hasSize(400);
        for (int i = 0; i < 400; i++) {
            ConsumerRecord<String, byte[]> actual = consumed.get(i);
            assertThat(header(actual, "seq")).isEqualTo(String.valueOf(expected.get(i).seq()));
            assertThat(actual.key()).isEqualTo(expected.get(i).key());
            assertThat(new String(actual.value(), StandardCharsets.UTF_8)).isEqualTo(expected.get(i).jsonString());
        }
    }

    @Test
    void anUnreachableBrokerFailsSetupWithinTheBoundNamingTheServers() {
        Map<String, String> config = Map.of("bootstrap.servers", "127.0.0.1:1", "setup_timeout", "2s");

        long start = System.nanoTime();
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .domain("transaction")
                .resource("unreachable")
                .sink("kafka", config)
                .threads(2)
                .duration(Duration.ofSeconds(30))
                .build());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("Kafka at '127.0.0.1:1' did not answer within 2 s")
                .hasMessageContaining("topic 'unreachable'");
        assertThat(report.stats().generated()).isZero();
        // bounded by setup_timeout (2 s), not the 30 s duration; the ceiling is generous for a busy machine
        assertThat(elapsed).isLessThan(Duration.ofSeconds(25));
    }

    @Test
    void setupOfAnUnreachableBrokerThrowsWithinTheBound() {
        try (KafkaSyncProducer sink = KafkaSyncProducer.create(Map.of("bootstrap.servers", "127.0.0.1:1",
                "setup_timeout", "1500ms", "close_timeout", "1s"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> sink.setupResource("anywhere"))
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining("'127.0.0.1:1'")
                    .hasMessageContaining("1500 ms")
                    .hasMessageContaining("setup_timeout");
            // waited for setup_timeout, and not for the 30 s default
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1400),
                    Duration.ofSeconds(25));
        }
    }

    @Test
    void anIllegalTopicNameFailsTheEmulationBeforeAnythingIsProduced() throws Exception {
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .domain("transaction")
                .resource("bad topic!")
                .sink("kafka", sinkConfig())
                .threads(2)
                .maxRecords(100)
                .build());

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .hasMessageContaining("'topic' = 'bad topic!'")
                .hasMessageContaining("is not legal in a Kafka topic name");
        assertThat(report.stats().generated()).isZero();
        try (Admin admin = KAFKA.kafka().createAdmin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).noneMatch(name -> name.contains("bad"));
        }
        try (KafkaSyncProducer sink = KafkaSyncProducer.create(sinkConfig())) {
            assertThatThrownBy(() -> sink.setupResource("a".repeat(250)))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("at most 249 characters");
        }
    }

    @Test
    void wrapsAProducerAndAdminTheApplicationOwnsWithoutClosingThem() throws Exception {
        String topic = "wrapped";
        Map<String, Object> props = KAFKA.kafka().clientProperties();
        props.put("key.serializer", StringSerializer.class);
        props.put("value.serializer", ByteArraySerializer.class);
        try (Producer<String, byte[]> producer = new KafkaProducer<>(props);
                Admin admin = KAFKA.kafka().createAdmin()) {
            KafkaSyncProducer sink = KafkaSyncProducer.wrap(producer, admin, Map.of("topic_partitions", "2"));

            EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                    .domain("device-log")
                    .resource(topic)
                    .sink(sink)
                    .threads(3)
                    .maxRecords(200)
                    .build());
            sink.close();

            assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
            assertThat(report.stats().delivered()).isEqualTo(200);
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions()).hasSize(2);
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "still", new byte[] {1}))
                    .get(30, TimeUnit.SECONDS);
            assertThat(consumeAll(topic)).hasSize(201);
        }
    }

    @Test
    void masksSecretsInItsDescription() {
        try (KafkaSyncProducer sink = KafkaSyncProducer.create(sinkConfig("username", "emulator",
                "password", "s3cr3t-value", "sasl.mechanism", "PLAIN", "security.protocol", "SASL_PLAINTEXT",
                "close_timeout", "1s"))) {
            assertThat(sink.toString()).contains("password=****").doesNotContain("s3cr3t-value");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static TopicDescription describe(String topic) throws Exception {
        try (Admin admin = KAFKA.kafka().createAdmin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        }
    }

    private static String topicConfig(String topic, String name) throws Exception {
        try (Admin admin = KAFKA.kafka().createAdmin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get(name).value();
        }
    }

    @Test
    void everyDamagedRecordCarriesItsFaultLabelInTheHeaderAndCleanRecordsNone() throws Exception {
        String topic = "faulty";
        java.util.function.Supplier<EmulationSpec.Builder> spec = () -> EmulationSpec.builder()
                .domain("transaction")
                .resource(topic)
                .threads(3)
                .maxRecords(2_000)
                .seed(9)
                .id("faulty-run")
                .clock(Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC))
                .fault("duplicate", "0.05")
                .fault("null.rate", "0.05")
                .fault("null.fields", "amount,currency")
                .fault("out_of_range.rate", "0.05")
                .fault("out_of_range.fields", "amount")
                .fault("malformed", "0.05");
        MemorySyncProducer memory = new MemorySyncProducer();
        EmulationRunner.run(spec.get().sink(memory).build());
        List<String> expected = new ArrayList<>();
        for (EmulatedRecord record : memory.records(topic)) {
            expected.add(record.seq() + " " + record.fault().orElse("-") + " " + record.jsonString());
        }
        List<String> expectedLabels = new ArrayList<>();
        for (EmulatedRecord label : memory.records(topic + "_faults")) {
            expectedLabels.add(label.key() + " " + label.jsonString());
        }

        EmulationReport report = EmulationRunner.run(spec.get().sink("kafka", sinkConfig()).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        List<String> consumed = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumeAll(topic)) {
            org.apache.kafka.common.header.Header fault = record.headers().lastHeader(KafkaSyncProducer.HEADER_FAULT);
            consumed.add(header(record, "seq") + " "
                    + (fault == null ? "-" : new String(fault.value(), StandardCharsets.UTF_8)) + " "
                    + new String(record.value(), StandardCharsets.UTF_8));
        }
        assertThat(consumed).hasSizeGreaterThan(2_000).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(consumed).anyMatch(line -> line.contains(" duplicate ")).anyMatch(line -> line.contains(
                " null:amount ")).anyMatch(line -> line.contains(" out_of_range:amount "))
                .anyMatch(line -> line.contains(" malformed "));
        // the labels, one JSON line per damaged record, keyed as the record, on the topic beside the records'
        List<String> labels = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> label : consumeAll(topic + "_faults")) {
            labels.add(label.key() + " " + new String(label.value(), StandardCharsets.UTF_8));
        }
        assertThat(labels).hasSize((int) consumed.stream().filter(line -> !line.split(" ", 3)[1].equals("-")).count())
                .containsExactlyInAnyOrderElementsOf(expectedLabels);
        assertThat(labels).allMatch(line -> line.contains("\"emulation_id\":\"faulty-run\""));
    }

    static List<ConsumerRecord<String, byte[]>> consumeAll(String topic) {
        return TopicContents.readAll(KAFKA.kafka().clientProperties(), topic);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return TopicContents.header(record, name);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void withEventTimestampsTheKafkaTimestampIsTheRecordsEventTime() throws Exception {
        String topic = "event-timestamps";
        Instant from = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        EmulationSpec spec = EmulationSpec.builder().domain("transaction").resource(topic).seed(3).id("event-ts")
                .sink("kafka", sinkConfig("record_timestamp", "event"))
                .threads(2).ratePerSecond(0.5)
                .eventTime(dev.dataemulator.core.EventTime.backfill(from, from.plus(Duration.ofHours(1))))
                .lateness(0.1, Duration.ofMinutes(5))
                .build();

        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stopped()).contains(dev.dataemulator.core.StopReason.EVENT_TIME_END);
        assertThat(report.stats().delivered()).isEqualTo(1800);
        Map<Long, Long> expected = new LinkedHashMap<>();
        Fixtures.like(spec, "event-ts", 3).records(1800)
                .forEach(r -> expected.put(r.seq(), r.eventTimeMillis()));
        List<ConsumerRecord<String, byte[]>> records = consumeAll(topic);
        assertThat(records).hasSize(1800).allSatisfy(record -> {
            long seq = Long.parseLong(TopicContents.header(record, KafkaSyncProducer.HEADER_SEQ));
            assertThat(record.timestamp()).isEqualTo(expected.get(seq));
        });
    }

    @Test
    void eventTimesOlderThanTheTopicKeepsRecordsAreWarnedAboutOnlyThen() {
        Instant from = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (boolean shortRetention : new boolean[] {false, true}) {
            String topic = shortRetention ? "retention-1h" : "retention-7d";
            String retention = shortRetention ? "3600000" : "604800000";
            try (KafkaSyncProducer sink = KafkaSyncProducer.create(sinkConfig("record_timestamp", "event",
                    "topic_config.retention.ms", retention))) {
                EmulationReport report = EmulationRunner.run(EmulationSpec.builder().domain("transaction")
                        .resource(topic).sink(sink).threads(1).ratePerSecond(0.05).seed(3)
                        .eventTime(dev.dataemulator.core.EventTime.backfill(from, from.plus(Duration.ofHours(1))))
                        .build());

                assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
                assertThat(report.stats().delivered()).isEqualTo(180);
                // records two to three hours old: a topic keeping one hour deletes them at once
                assertThat(sink.warnedAboutRetention(topic)).as("retention.ms=%s", retention).isEqualTo(shortRetention);
            }
        }
    }

}
