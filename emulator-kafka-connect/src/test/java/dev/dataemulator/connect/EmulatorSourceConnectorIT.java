package dev.dataemulator.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.connect.internal.ConnectValues;
import dev.dataemulator.connect.internal.Domains;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the connector on a real in-process Connect worker with an embedded KRaft broker and checks what landed in
 * the topics against the records the core makes in memory for the same seed.
 */
class EmulatorSourceConnectorIT {
    private static final String CONNECTOR = "emulator-it";
    private static final String CLOCK = "2026-01-01T00:00:00Z";
    private static final long SEED = 7;
    private static final int PER_DOMAIN = 2_000;
    private static final List<String> DOMAINS = List.of("transaction", "device-log");
    private static final Map<String, String> TOPICS = Map.of("transaction", "transactions", "device-log",
            "device-logs");

    private static ConnectClusters.Started cluster;
    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startConnect() {
        cluster = ConnectClusters.start("emulator-connect", Map.of());
        connect = cluster.connect();
        for (String topic : TOPICS.values()) {
            connect.kafka().createTopic(topic, 3);
        }
    }

    @AfterAll
    static void stopConnect() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoTasksWriteTheCoreRecordsWithoutGapOrDuplicateAcrossATaskRestart() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", EmulatorSourceConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("domains", String.join(",", DOMAINS));
        config.put("seed", Long.toString(SEED));
        config.put("shards", "4");
        config.put("max.records", Integer.toString(PER_DOMAIN));
        // slow enough that the restart below lands mid-run (4000 records take at least ~7 s), whatever the machine
        config.put("rate.per.second", "500");
        config.put("batch.size", "100");
        config.put("clock.instant", CLOCK);
        // typed values (the default value.schemas.enable=true) through JsonConverter with its schemas on
        config.put("value.converter", JsonConverter.class.getName());
        config.put("value.converter.schemas.enable", "true");
        config.put("value.converter.decimal.format", "NUMERIC");

        connect.configureConnector(CONNECTOR, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "connector did not start");

        // restart a task while the rate limit keeps the run going
        int seen = connect.kafka().consume(800, 30_000, "transactions", "device-logs").count();
        connect.restartTask(CONNECTOR, 0);
        assertThat(seen).as("restarted mid-run").isLessThan(DOMAINS.size() * PER_DOMAIN);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "task did not restart");

        String[] topics = TOPICS.values().toArray(String[]::new);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> connect.kafka().consumeAll(10_000, topics).count() >= DOMAINS.size() * PER_DOMAIN);
        // the tasks have written their share and idle: the count must hold, nothing more may arrive
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> connect.kafka().consumeAll(10_000, topics).count() == DOMAINS.size() * PER_DOMAIN);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "idle tasks must keep running");
        ConsumerRecords<byte[], byte[]> written = connect.kafka().consumeAll(10_000, topics);

        assertThat(written.count()).as("no duplicate").isEqualTo(DOMAINS.size() * PER_DOMAIN);
        Map<String, ConsumerRecord<byte[], byte[]>> byId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : written) {
            String id = header(record, "domain") + "#" + header(record, "seq");
            assertThat(byId.put(id, record)).as("duplicate %s", id).isNull();
        }
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
        for (String domain : DOMAINS) {
            List<EmulatedRecord> expected = Fixtures.of(domain).seed(SEED).emulationId(CONNECTOR)
                    .clock(Domains.clock(Instant.parse(CLOCK))).records(PER_DOMAIN);
            ConnectValues typed = ConnectValues.of(expected.get(0).schema().orElseThrow(), true);
            for (EmulatedRecord record : expected) {
                ConsumerRecord<byte[], byte[]> actual = byId.get(domain + "#" + record.seq());
                assertThat(actual).as("gap at %s #%d", domain, record.seq()).isNotNull();
                assertThat(actual.topic()).isEqualTo(TOPICS.get(domain));
                assertThat(new String(actual.key(), StandardCharsets.UTF_8)).isEqualTo(record.key());
                SchemaAndValue value = converter.toConnectData(actual.topic(), actual.value());
                assertThat(value.schema()).isEqualTo(typed.schema());
                assertThat(value.value()).isEqualTo(typed.toStruct(record));
                assertThat(header(actual, "emulation_id")).isEqualTo(CONNECTOR);
            }
        }
        connect.deleteConnector(CONNECTOR);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aDeclarativeDefinitionRunsThroughTheConnectorWithTheRecordsTheCoreMakes() throws Exception {
        String definition = java.nio.file.Files.readString(
                java.nio.file.Path.of("../emulator-examples/src/main/resources/domains/ecommerce.yaml"));
        String name = "emulator-orders-it";
        int records = 300;
        connect.kafka().createTopic("orders", 2);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", EmulatorSourceConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("domains", "orders");
        config.put("domain.definition", definition);
        config.put("value.schemas.enable", "false"); // schemaless maps, read back as JSON by the worker's converter
        config.put("seed", Long.toString(SEED));
        config.put("shards", "2");
        config.put("max.records", Integer.toString(records));
        config.put("clock.instant", CLOCK);

        connect.configureConnector(name, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "connector did not start");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> connect.kafka().consumeAll(10_000, "orders").count() >= records);
        ConsumerRecords<byte[], byte[]> written = connect.kafka().consumeAll(10_000, "orders");
        assertThat(written.count()).isEqualTo(records);

        Map<String, String> bySeq = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : written) {
            bySeq.put(header(record, "seq"), new String(record.value(), StandardCharsets.UTF_8));
        }
        List<EmulatedRecord> expected = Fixtures.of("orders").registry(Domains.registry(definition)).seed(SEED)
                .emulationId(name).clock(Domains.clock(Instant.parse(CLOCK))).records(records);
        // schemaless JsonConverter writes decimals as plain JSON numbers (9.70 as 9.7): compare the values
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (EmulatedRecord record : expected) {
            String actual = bySeq.get(Long.toString(record.seq()));
            assertThat(actual).as("orders #%d", record.seq()).isNotNull();
            assertThat((Map<?, ?>) json.readValue(actual, Map.class)).as("orders #%d", record.seq())
                    .isEqualTo(json.readValue(record.jsonString(), Map.class));
        }
        connect.deleteConnector(name);
    }
}
