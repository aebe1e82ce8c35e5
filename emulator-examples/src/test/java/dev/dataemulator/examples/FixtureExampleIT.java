package dev.dataemulator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.testkit.EmbeddedKafkaExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a team tests its own fraud pipeline with the emulator: a real broker in-process, a seeded emulation of N
 * transactions, and assertions on what a consumer reads — compared with the same records made in memory.
 */
class FixtureExampleIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 2_000;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aConsumerSeesExactlyTheSeededTransactions() throws Exception {
        EmulationSpec spec = EmulationSpec.builder()
                .domain("transaction")
                .sink("kafka", Map.of("bootstrap.servers", KAFKA.bootstrapServers()))
                .resource("fraud-input")
                .threads(4)
                .maxRecords(N)
                .seed(2026)
                .clock(CLOCK)
                .id("fraud-suite")
                .build();

        EmulationReport report = EmulationRunner.run(spec);
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(N);

        List<Map.Entry<String, String>> records = consume("fraud-input", N);
        assertThat(records).as("exactly N records, none twice").hasSize(N);
        Map<String, String> consumed = new HashMap<>();
        records.forEach(entry -> consumed.put(entry.getKey(), entry.getValue()));
        Map<String, String> expected = new HashMap<>();
        for (EmulatedRecord record : Fixtures.like(spec, "fraud-suite", 2026).records(N)) {
            expected.put(record.key(), record.jsonString());
        }
        assertThat(consumed).isEqualTo(expected);

        long labelledFraud = consumed.values().stream().map(FixtureExampleIT::data)
                .filter(data -> data.get("is_fraud").asInt() == 1).count();
        assertThat(labelledFraud).as("some transactions are labelled as fraud").isPositive().isLessThan(N / 2);
    }

    @Test
    void plainUnitTestsUseTheInMemoryFixturesWithoutAnyServer() {
        List<EmulatedRecord> records = Fixtures.of("user-profile").seed(5).records(100);
        assertThat(records).hasSize(100);
        assertThat(records).allSatisfy(record -> {
            Map<String, Object> data = record.dataAsMap();
            assertThat(data).containsKeys("user_id", "name", "email", "credit_score", "risk_level");
            assertThat((String) data.get("risk_level")).isIn("low", "medium", "high");
        });
    }

    private static JsonNode data(String value) {
        try {
            return JSON.readTree(value).get("data");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map.Entry<String, String>> consume(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "fixture-example");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Map.Entry<String, String>> values = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(Map.entry(record.key(), record.value()));
                }
            }
            // a short extra poll catches anything beyond the expected count
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                values.add(Map.entry(record.key(), record.value()));
            }
        }
        return values;
    }
}
