package dev.dataemulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.testkit.ChildJvm;
import dev.dataemulator.testkit.EmbeddedKafkaExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume on Kafka against a real broker and real processes: an emulation of exactly {@value #RECORDS} records with
 * {@code exactly_once=true} is run in a child JVM killed with SIGKILL at a random moment, twice, then resumed to
 * completion; a {@code read_committed} consumer then reads every seq exactly once, each record's value the bytes of
 * an uninterrupted run's. Without {@code exactly_once}, a stopped emulation resumes from its checkpoints.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KafkaExactlyOnceIT {
    static final int RECORDS = 24_000;
    static final String TOPIC = "eos-transactions";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:15:30Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path dir;

    /** The emulation the child runs and the test resumes: paced, so that a kill lands part way. */
    static EmulationSpec.Builder spec(String bootstrapServers, boolean exactlyOnce) {
        return EmulationSpec.builder().domain("transaction").resource(TOPIC + (exactlyOnce ? "" : "-at-least-once"))
                .sink("kafka", Map.of("bootstrap.servers", bootstrapServers, "topic_partitions", "3",
                        "exactly_once", String.valueOf(exactlyOnce), "checkpoint_interval", "200ms"))
                .threads(2).maxRecords(RECORDS).ratePerSecond(8_000).seed(7).clock(CLOCK)
                .id(exactlyOnce ? "eos" : "alo").resume(true);
    }

    /** @return the records a read_committed consumer reads from {@code topic}, by seq, failing on a seq read twice */
    private static Map<Long, byte[]> committed(String topic) {
        Map<String, Object> props = new HashMap<>(KAFKA.kafka().clientProperties());
        props.put("isolation.level", "read_committed");
        Map<Long, byte[]> bySeq = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicContents.readAll(props, topic)) {
            long seq = Long.parseLong(TopicContents.header(record, "seq"));
            assertThat(bySeq.put(seq, record.value())).as("seq %d read twice", seq).isNull();
        }
        return bySeq;
    }

    /** @return the offsets a read_committed consumer could read up to, summed over the partitions (markers too) */
    private static long stableOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            partitions.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        if (!admin.listTopics().names().get().contains(TOPIC)) {
            return 0;
        }
        return admin.listOffsets(partitions, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .values().stream().mapToLong(info -> info.offset()).sum();
    }

    /** Runs the emulation in a child JVM and kills it once a read_committed consumer could read past {@code at}. */
    private void runAndKill(Admin admin, long at, String name) throws Exception {
        try (ChildJvm child = ChildJvm.start(CrashingKafkaWriter.class, dir.resolve(name + ".log"),
                KAFKA.bootstrapServers())) {
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> stableOffsets(admin) >= at || !child.isAlive());
            assertThat(child.kill()).as(() -> name + " still writes when killed; its output: " + child.output())
                    .isTrue();
        }
    }

    @Test
    void killedTwiceAtRandomMomentsAndResumedEveryRecordIsReadOnceByAReadCommittedConsumer() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (Admin admin = KAFKA.kafka().createAdmin()) {
            long first = RECORDS / 10 + random.nextInt(RECORDS / 4);
            runAndKill(admin, first, "first");
            runAndKill(admin, stableOffsets(admin) + RECORDS / 10 + random.nextInt(RECORDS / 5), "second");
        }
        long before = committed(TOPIC).size();
        assertThat(before).as("random seed %d", seed).isBetween(1L, RECORDS - 1L);

        EmulationReport resumed = EmulationRunner.run(spec(KAFKA.bootstrapServers(), true).build());

        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(EmulationStatus.COMPLETED);
        // the count read before is a lower bound: the killed child's open transactions hid what followed them
        assertThat(resumed.stats().delivered()).as("a resume, not a new start").isBetween(1L, RECORDS - before);
        Map<Long, byte[]> read = committed(TOPIC);
        List<EmulatedRecord> uninterrupted = Fixtures.like(spec(KAFKA.bootstrapServers(), true).build(), "eos", 7)
                .records(RECORDS);
        assertThat(read.keySet()).as("random seed %d", seed)
                .containsExactlyElementsOf(uninterrupted.stream().map(EmulatedRecord::seq).toList());
        for (EmulatedRecord record : uninterrupted) {
            assertThat(read.get(record.seq())).as("seq %d", record.seq()).isEqualTo(record.json());
        }

        EmulationReport refused = EmulationRunner.run(spec(KAFKA.bootstrapServers(), true).seed(8)
                .domain("user-profile").build());
        assertThat(refused.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(refused.failure()).get().isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(
                e.violations()).extracting(InvalidSettingException.Violation::setting,
                        InvalidSettingException.Violation::value)
                .containsExactlyInAnyOrder(tuple("domain", "user-profile"), tuple("seed", "8")))
                .extracting(Throwable::getMessage).asString()
                .contains("'seed' = '8': differs from '7', the value emulation 'eos' first started with");
        assertThat(committed(TOPIC)).hasSize(RECORDS);
    }

    @Test
    void withoutExactlyOnceAStoppedEmulationResumesFromItsCheckpoints() {
        String topic = TOPIC + "-at-least-once";
        Emulation first = EmulationRunner.start(spec(KAFKA.bootstrapServers(), false).build());
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> first.stats().delivered() >= RECORDS / 3);
        first.stop();
        EmulationReport stopped = first.awaitCompletion(Duration.ofMinutes(1));
        assertThat(stopped.stats().delivered()).isBetween(1L, RECORDS - 1L);

        EmulationReport resumed = EmulationRunner.run(spec(KAFKA.bootstrapServers(), false).build());

        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(resumed.stats().generated()).isEqualTo(RECORDS - stopped.stats().delivered());
        assertThat(committed(topic).keySet()).hasSize(RECORDS).first().isEqualTo(0L);
    }
}
