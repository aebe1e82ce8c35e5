package dev.dataemulator.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.connect.internal.Domains;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once source delivery (KIP-618) on a real distributed Connect worker with
 * {@code exactly.once.source.support=enabled} and an embedded KRaft broker: the task defines its transactions, fails in
 * the middle of one after sending part of it, is restarted, and a {@code read_committed} consumer still reads every
 * record once, equal to the core's records; the aborted part stays in the log, where a {@code read_uncommitted}
 * consumer shows the duplicates an at-least-once delivery would have exposed.
 */
class EmulatorSourceConnectorExactlyOnceIT {
    private static final String CONNECTOR = "emulator-eos-it";
    private static final String TOPIC = "eos-transactions";
    private static final String CLOCK = "2026-01-01T00:00:00Z";
    private static final long SEED = 11;
    private static final int RECORDS = 3_000;
    private static final int BATCH = 100;
    /** The task fails on this record: the open transaction then holds seqs 1000..1049, sent but not committed. */
    private static final int FAIL_SEQ = 1_050;
    private static final int ABORTED_FROM = FAIL_SEQ / BATCH * BATCH;

    private static ConnectClusters.Started cluster;
    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startConnect() {
        cluster = ConnectClusters.start("emulator-eos-connect", Map.of("exactly.once.source.support", "enabled"));
        connect = cluster.connect();
        connect.kafka().createTopic(TOPIC, 3);
    }

    @AfterAll
    static void stopConnect() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aTaskThatDiesInsideATransactionIsRestartedAndReadCommittedSeesEverySeqOnce() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", EmulatorSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("exactly.once.support", "required");
        config.put("transaction.boundary", "connector");
        config.put("domains", "transaction");
        config.put("topic", TOPIC);
        config.put("seed", Long.toString(SEED));
        config.put("shards", "1"); // one unit: the task writes seqs 0, 1, 2, ... in order
        config.put("max.records", Integer.toString(RECORDS));
        config.put("batch.size", Integer.toString(BATCH));
        config.put("value.schemas.enable", "false");
        config.put("clock.instant", CLOCK);
        config.put("transforms", "fail");
        config.put("transforms.fail.type", FailOnceTransform.class.getName());
        config.put("transforms.fail.fail.seq", Integer.toString(FAIL_SEQ));

        connect.configureConnector(CONNECTOR, config);
        assertThat(FailOnceTransform.REACHED.await(60, TimeUnit.SECONDS)).as("the task reached seq " + FAIL_SEQ)
                .isTrue();
        // the open transaction's records reach the log before the task dies
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> seqs(read("read_uncommitted")).contains((long) FAIL_SEQ - 1));
        FailOnceTransform.RELEASE.countDown();
        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(CONNECTOR, 1, "the task did not fail");

        connect.restartTask(CONNECTOR, 0);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "task did not restart");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> read("read_committed").size() >= RECORDS);
        // the task has written its share and idles: nothing more may arrive
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> read("read_committed").size() == RECORDS);

        List<ConsumerRecord<byte[], byte[]>> committed = read("read_committed");
        List<Long> expectedSeqs = new ArrayList<>();
        for (long seq = 0; seq < RECORDS; seq++) {
            expectedSeqs.add(seq);
        }
        assertThat(seqs(committed)).as("every seq once").containsExactlyInAnyOrderElementsOf(expectedSeqs);

        // the log also holds the aborted transaction's records: without transactions they were duplicates
        List<Long> aborted = new ArrayList<>();
        for (long seq = ABORTED_FROM; seq < FAIL_SEQ; seq++) {
            aborted.add(seq);
        }
        List<Long> all = new ArrayList<>(expectedSeqs);
        all.addAll(aborted);
        assertThat(seqs(read("read_uncommitted"))).containsExactlyInAnyOrderElementsOf(all);

        Map<Long, ConsumerRecord<byte[], byte[]>> bySeq = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : committed) {
            bySeq.put(Long.parseLong(header(record, "seq")), record);
        }
        ObjectMapper json = new ObjectMapper();
        List<EmulatedRecord> expected = Fixtures.of("transaction").seed(SEED).emulationId(CONNECTOR)
                .clock(Domains.clock(Instant.parse(CLOCK))).records(RECORDS);
        for (EmulatedRecord record : expected) {
            ConsumerRecord<byte[], byte[]> actual = bySeq.get(record.seq());
            assertThat(new String(actual.key(), StandardCharsets.UTF_8)).isEqualTo(record.key());
            assertThat((Map<?, ?>) json.readValue(actual.value(), Map.class)).as("transaction #%d", record.seq())
                    .isEqualTo(json.readValue(record.jsonString(), Map.class));
        }
        connect.deleteConnector(CONNECTOR);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String isolation) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        connect.kafka().consumeAll(10_000, Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation), null, TOPIC)
                .forEach(records::add);
        return records;
    }

    private static List<Long> seqs(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Long> seqs = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            seqs.add(Long.parseLong(header(record, "seq")));
        }
        return seqs;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
