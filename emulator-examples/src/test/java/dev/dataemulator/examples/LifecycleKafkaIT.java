package dev.dataemulator.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.declarative.DeclarativeDomains;
import dev.dataemulator.declarative.Snapshots;
import dev.dataemulator.testkit.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lifecycle domain's Debezium change events on a real broker, read back by a consumer: a tombstone after every
 * delete, each key's versions in order within its partition, and the fold of the events equal to the snapshot.
 */
class LifecycleKafkaIT {
    private static final String TOPIC = "accounts-cdc";
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().build().start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void debeziumEventsWithTombstonesFoldIntoTheSnapshot() throws Exception {
        DomainProvider accounts = DeclarativeDomains.load(Path.of("src/main/resources/domains/accounts.yaml")).get(0);
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .registry(DomainRegistry.builder().register(accounts).build())
                .domain("accounts").resource(TOPIC).seed(5).threads(1) // workers send their blocks concurrently
                .domainOption("change_format", "debezium")
                .eventTime(EventTime.backfill(FROM, TO))
                .sink("kafka", Map.of("bootstrap.servers", kafka.bootstrapServers(), "topic_partitions", "3"))
                .build());
        assertThat(report.failure()).isEmpty();
        long changes = report.stats().delivered();

        List<ConsumerRecord<String, String>> read = readAll(changes);
        long deletes = read.stream().filter(r -> r.value() != null && "d".equals(op(r))).count();
        assertThat(deletes).isPositive();
        assertThat(read).hasSize((int) (changes + deletes));

        Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new HashMap<>();
        read.forEach(r -> byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()),
                p -> new ArrayList<>()).add(r));
        Map<String, JsonNode> table = new TreeMap<>();
        Map<String, Integer> versions = new HashMap<>();
        Instant last = Instant.EPOCH;
        for (List<ConsumerRecord<String, String>> partition : byPartition.values()) {
            partition.sort((a, b) -> Long.compare(a.offset(), b.offset()));
            Map<String, String> previousOp = new HashMap<>();
            Map<String, Long> previousSequence = new HashMap<>();
            for (ConsumerRecord<String, String> record : partition) {
                String key = record.key();
                assertThat(JSON.readTree(key).fieldNames().next()).isEqualTo("account_id");
                String before = previousOp.get(key);
                if (record.value() == null) {
                    assertThat(before).as("a tombstone follows the delete of %s", key).isEqualTo("d");
                    previousOp.put(key, "tombstone");
                    continue;
                }
                JsonNode event = JSON.readTree(record.value());
                String op = event.get("op").asText();
                assertThat(event.get("source").get("connector").asText()).isEqualTo("emulator");
                assertThat(event.get("source").get("ts_ms").asLong()).isEqualTo(event.get("ts_ms").asLong());
                long sequence = event.get("source").get("sequence").asLong();
                Long earlier = previousSequence.put(key, sequence);
                assertThat(earlier == null || earlier < sequence).as("%s in order", key).isTrue();
                assertThat(before).as("nothing of %s after its delete but the tombstone", key)
                        .isNotIn("d", "tombstone");
                int version = versions.merge(key, 1, Integer::sum);
                switch (op) {
                    case "c" -> {
                        assertThat(version).isEqualTo(1);
                        assertThat(event.get("before").isNull()).isTrue();
                        table.put(key, event.get("after"));
                    }
                    case "u" -> {
                        assertThat(event.get("before")).isEqualTo(table.get(key));
                        table.put(key, event.get("after"));
                    }
                    case "d" -> {
                        assertThat(event.get("after").isNull()).isTrue();
                        assertThat(event.get("before")).isEqualTo(table.get(key));
                        table.remove(key);
                    }
                    default -> throw new AssertionError("op " + op);
                }
                previousOp.put(key, op);
                Instant at = Instant.ofEpochMilli(event.get("ts_ms").asLong());
                last = at.isAfter(last) ? at : last;
            }
        }

        MemorySyncProducer snapshotSink = new MemorySyncProducer();
        EmulationRunner.run(EmulationSpec.builder()
                .registry(DomainRegistry.builder().register(Snapshots.at(accounts, last)).build())
                .domain("accounts").seed(5).envelope(false).sink(snapshotSink).build());
        Map<String, JsonNode> snapshot = new TreeMap<>();
        for (EmulatedRecord row : snapshotSink.records()) {
            ObjectNode fields = (ObjectNode) JSON.readTree(row.jsonString());
            int version = fields.remove("__version").asInt();
            String key = "{\"account_id\":" + fields.get("account_id").asLong() + "}";
            assertThat(version).as("__version of %s", key).isEqualTo(versions.get(key));
            snapshot.put(key, fields);
        }
        assertThat(snapshot).isEqualTo(table);
    }

    private static String op(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).get("op").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Reads the topic until it holds at least {@code changes} messages and no more arrive. */
    private static List<ConsumerRecord<String, String>> readAll(long changes) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "lifecycle-it");
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofSeconds(1));
                batch.forEach(read::add);
                return read.size() >= changes && batch.isEmpty();
            });
        }
        return read;
    }
}
