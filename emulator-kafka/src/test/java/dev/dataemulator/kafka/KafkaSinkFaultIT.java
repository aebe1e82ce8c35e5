package dev.dataemulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStats;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.testkit.EmbeddedKafka;
import dev.dataemulator.testkit.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Kafka sink when the broker goes away: a broker of its own, stopped and restarted by the tests. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaSinkFaultIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @AfterEach
    void restartBroker() {
        KAFKA.kafka().restart();
    }

    @Test
    void closeIsBoundedAndCountsRecordsTheBrokerNeverAcknowledgedAsFailed() {
        EmbeddedKafka kafka = KAFKA.kafka();
        CountingTracker tracker = new CountingTracker();
        List<EmulatedRecord> records = Fixtures.of("transaction").records(51).stream().map(tracker::track).toList();
        // a long linger keeps the records in the producer's buffer until close, with the metadata already known
        KafkaSyncProducer sink = KafkaSyncProducer.create(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "close_timeout", "1s", "topic_partitions", "2", "linger.ms", "60000"));
        sink.setupResource("closing");
        EmulatedRecord first = records.get(0);
        sink.produce("closing", first.key(), first);
        sink.flush();
        assertThat(tracker.delivered).hasValue(1);
        for (EmulatedRecord record : records.subList(1, records.size())) {
            sink.produce("closing", record.key(), record);
        }

        kafka.stop();
        long start = System.nanoTime();
        sink.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - start);

        // close_timeout is 1 s; the ceiling is generous for a busy machine, yet far below the 60 s linger
        assertThat(closing).isLessThan(Duration.ofSeconds(30));
        assertThat(tracker.delivered).hasValue(1);
        assertThat(tracker.failed).hasValue(50);
        assertThat(tracker.failures).allSatisfy(cause -> assertThat(cause).isInstanceOf(KafkaException.class));
        assertThat(tracker.aborts).isEmpty();
    }

    @Test
    void anEmulationRidesOutABrokerRestartWithoutLosingOrDuplicatingRecords() throws Exception {
        EmbeddedKafka kafka = KAFKA.kafka();
        String topic = "restart";
        long records = 20_000;
        Emulation emulation = EmulationRunner.start(EmulationSpec.builder()
                .domain("transaction")
                .resource(topic)
                .sink("kafka", Map.of("bootstrap.servers", kafka.bootstrapServers(), "topic_partitions", "3"))
                .threads(3)
                .ratePerSecond(2_500)
                // a count rather than a duration: the outage falls inside production however long stopping takes
                .maxRecords(records)
                .build());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> emulation.stats().delivered() > 1_000);
            kafka.stop();

            // the outage overlaps production: the run is under way, and records sent are waiting for the broker
            EmulationStats duringOutage = emulation.stats();
            assertThat(emulation.status()).isEqualTo(EmulationStatus.RUNNING);
            assertThat(duringOutage.generated()).isLessThan(records);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                EmulationStats stats = emulation.stats();
                return stats.generated() > stats.delivered() + stats.failed();
            });
            kafka.restart();

            EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(90));

            assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
            assertThat(report.stats().failed()).isZero();
            assertThat(report.stats().delivered()).isEqualTo(report.stats().generated()).isEqualTo(records);
            List<String> seqs = seqHeaders(topic);
            assertThat(seqs).hasSize((int) report.stats().delivered());
            Set<String> unique = new HashSet<>(seqs);
            assertThat(unique).hasSameSizeAs(seqs);
        } finally {
            emulation.close();
        }
    }

    private static List<String> seqHeaders(String topic) {
        return TopicContents.seqHeaders(KAFKA.kafka().clientProperties(), topic);
    }
}
