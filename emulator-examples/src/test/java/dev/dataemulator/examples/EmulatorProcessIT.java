package dev.dataemulator.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.testkit.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command line as a user runs it: a separate process, stopped with Ctrl-C, against a real broker. */
class EmulatorProcessIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void ctrlCStopsFlushesPrintsTheSummaryAndExitsZeroLosingNothing() throws Exception {
        String topic = "interrupted";
        try (EmulatorProcess emulator = EmulatorProcess.start("run", "--bootstrap-servers",
                KAFKA.bootstrapServers(), "--resource", topic, "--duration", "10m", "--threads", "3",
                "--rate", "3000", "-c", "linger.ms=200")) {
            await().atMost(Duration.ofMinutes(2)).until(() -> endOffset(topic) > 1_000);

            emulator.interrupt();
            int exit = emulator.waitFor(120);

            String out = emulator.out();
            assertThat(exit).as(out + emulator.err()).isZero();
            assertThat(out).contains("Stopping: flushing what was produced", "status     STOPPED (stopped on request)");
            long generated = count(out, "records");
            long delivered = count(out, "delivered");
            long failed = count(out, "failed");
            assertThat(generated).isPositive().isEqualTo(delivered + failed);
            assertThat(failed).isZero();
            assertThat(endOffset(topic)).isEqualTo(delivered);
        }
    }

    @Test
    void ctrlCStopsTheHttpServiceWithExitCodeZero() throws Exception {
        try (EmulatorProcess emulator = EmulatorProcess.start("serve", "--port", "0", "--bootstrap-servers",
                KAFKA.bootstrapServers(), "--s3-endpoint", "http://127.0.0.1:9", "--s3-access-key", "a",
                "--s3-secret-key", "b")) {
            await().atMost(Duration.ofMinutes(2)).until(() -> emulator.out().contains("Emulator HTTP service on"));

            emulator.interrupt();

            assertThat(emulator.waitFor(120)).as(emulator.out() + emulator.err()).isZero();
            assertThat(emulator.out()).contains("Stopping: every running emulation is stopped and flushed");
        }
    }

    @Test
    void anUnreachableBrokerSaysConnectingAndPrintsTheErrorOnce() throws Exception {
        try (EmulatorProcess emulator = EmulatorProcess.start("run", "--bootstrap-servers", "127.0.0.1:1",
                "--max-records", "10", "-c", "setup_timeout=12s")) {
            int exit = emulator.waitFor(120);

            String all = emulator.out() + emulator.err();
            assertThat(exit).as(all).isEqualTo(EmulatorCli.FAILED);
            assertThat(emulator.out()).contains("Connecting to kafka 127.0.0.1:1", "status     FAILED")
                    .doesNotContain("0 records (0/s)");
            assertThat(occurrences(all, "did not answer within")).as(all).isEqualTo(1);
        }
    }

    private static long count(String summary, String label) {
        Matcher matcher = Pattern.compile("(?m)^  " + label + " +([0-9,]+)").matcher(summary);
        assertThat(matcher.find()).as("'%s' in %s", label, summary).isTrue();
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static long endOffset(String topic) throws Exception {
        try (Admin admin = KAFKA.kafka().createAdmin()) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return 0;
            }
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toList());
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }
}
