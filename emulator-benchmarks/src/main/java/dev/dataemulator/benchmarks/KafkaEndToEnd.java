package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.testkit.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka end to end: Kafka's own {@code ProducerPerformance} against the emulator, on one embedded broker, with the
 * same record payloads (a file of encoded transactions), the same producer settings and the same topic layout (a
 * fresh topic of 5 partitions per run). Rounds alternate which of the two goes first; every round prints both rates
 * and their ratio, the end the medians.
 *
 * <pre>
 * java -cp emulator-benchmarks/target/benchmarks.jar dev.dataemulator.benchmarks.KafkaEndToEnd \
 *     --records 1000000 --rounds 5
 * </pre>
 */
public final class KafkaEndToEnd {
    private static final Pattern TOTAL = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    private KafkaEndToEnd() {
    }

    /**
     * @param argv {@code --records N} (per run), {@code --rounds N}, {@code --warmup N} (records of the unreported
     *     first round), {@code --threads N} (emulator workers), {@code --partitions N}, {@code --payloads N}
     *     (distinct payloads in the file)
     * @throws Exception when a run fails
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("records", "300000");
        defaults.put("rounds", "3");
        defaults.put("warmup", "200000");
        defaults.put("threads", "1");
        defaults.put("partitions", "5");
        defaults.put("payloads", "10000");
        Args args = new Args(argv, defaults);
        long records = args.number("records");
        int partitions = (int) args.number("partitions");
        Map<String, String> producer = new LinkedHashMap<>();
        producer.put("acks", "all");
        producer.put("linger.ms", "5");
        producer.put("batch.size", "65536");
        producer.put("compression.type", "lz4");

        System.out.println(Report.machine());
        System.out.println("options: " + args + ", producer settings: " + producer);
        Path payloads = Files.createTempFile("transactions-", ".jsonl");
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
                Admin admin = kafka.createAdmin()) {
            double avg = writePayloads(payloads, (int) args.number("payloads"));
            System.out.println(Report.format("broker %s; payload file: %d transactions, %.1f bytes on average",
                    kafka.bootstrapServers(), args.number("payloads"), avg));
            Bench bench = new Bench(kafka.bootstrapServers(), admin, payloads, producer, partitions,
                    (int) args.number("threads"));

            long warmup = args.number("warmup");
            if (warmup > 0) {
                System.out.println("warm-up (not reported): " + warmup + " records each");
                bench.producerPerformance("warmup-pp", warmup);
                bench.emulator("warmup-emu", warmup);
            }
            List<Double> pp = new ArrayList<>();
            List<Double> emu = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= args.number("rounds"); round++) {
                double p;
                double e;
                if (round % 2 == 1) {
                    p = bench.producerPerformance("pp-" + round, records);
                    e = bench.emulator("emu-" + round, records);
                } else {
                    e = bench.emulator("emu-" + round, records);
                    p = bench.producerPerformance("pp-" + round, records);
                }
                pp.add(p);
                emu.add(e);
                ratios.add(e / p);
                System.out.println(Report.format("round %d: ProducerPerformance %.0f records/s, emulator %.0f "
                        + "records/s, ratio %.3f (load %s)", round, p, e, e / p, Report.loadAverage()));
            }
            System.out.println("ProducerPerformance records/s: " + Report.spread(pp, "%.0f"));
            System.out.println("emulator records/s:            " + Report.spread(emu, "%.0f"));
            System.out.println("ratio emulator/PP, median:     " + Report.spread(ratios, "%.3f")
                    + " (target >= 0.9)");
        } finally {
            Files.deleteIfExists(payloads);
        }
        System.exit(0);
    }

    /** Writes encoded transactions (envelope, as the emulator sends them) one per line. */
    private static double writePayloads(Path file, int count) throws IOException {
        Fixtures.Stream stream = Fixtures.of("transaction").seed(1).emulationId("payload-file").stream();
        long bytes = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < count; i++) {
                EmulatedRecord record = stream.record(i);
                out.write(record.json());
                out.write('\n');
                bytes += record.json().length;
            }
        }
        return (double) bytes / count;
    }

    private static final class Bench {
        private final String bootstrap;
        private final Admin admin;
        private final Path payloads;
        private final Map<String, String> producer;
        private final int partitions;
        private final int threads;

        Bench(String bootstrap, Admin admin, Path payloads, Map<String, String> producer, int partitions,
                int threads) {
            this.bootstrap = bootstrap;
            this.admin = admin;
            this.payloads = payloads;
            this.producer = producer;
            this.partitions = partitions;
            this.threads = threads;
        }

        /** Runs ProducerPerformance in this JVM and returns the records/s of its final summary line. */
        double producerPerformance(String topic, long records) throws Exception {
            createTopic(topic);
            List<String> argv = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(records),
                    "--throughput", "-1", "--payload-file", payloads.toString(), "--producer-props",
                    "bootstrap.servers=" + bootstrap));
            producer.forEach((k, v) -> argv.add(k + "=" + v));
            String output = captureStdout(() -> ProducerPerformance.main(argv.toArray(String[]::new)));
            Matcher last = null;
            for (String line : output.split("\n")) {
                Matcher m = TOTAL.matcher(line);
                if (m.find()) {
                    last = m;
                }
            }
            if (last == null) {
                throw new IllegalStateException("no summary in ProducerPerformance's output:\n" + output);
            }
            if (Long.parseLong(last.group(1)) != records) {
                throw new IllegalStateException("ProducerPerformance sent " + last.group(1) + " of " + records);
            }
            requireLanded(topic, records);
            return Double.parseDouble(last.group(2));
        }

        /** Runs the emulator (transaction domain, kafka sink) and returns its records/s (after topic setup). */
        double emulator(String topic, long records) throws Exception {
            createTopic(topic);
            Map<String, String> sink = new LinkedHashMap<>(producer);
            sink.put("bootstrap.servers", bootstrap);
            sink.put("topic.partitions", Integer.toString(partitions));
            EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                    .domain("transaction")
                    .sink("kafka", sink)
                    .resource(topic)
                    .threads(threads)
                    .maxRecords(records)
                    .seed(7)
                    .build());
            if (report.stats().delivered() != records || report.failure().isPresent()) {
                throw new IllegalStateException("emulator run " + topic + " did not deliver every record: "
                        + report.stats() + " " + report.failure().map(Throwable::toString).orElse(""));
            }
            requireLanded(topic, records);
            return report.stats().ratePerSecond();
        }

        /**
         * Creates the topic and waits until every partition has a leader, for both contenders alike. Producing into a
         * topic the instant it is created can hit KAFKA-14359 (an idempotent producer's first batch fails with a
         * retriable error, a later one succeeds, and the retried first batch is then refused as out of order until
         * {@code delivery.timeout.ms}); the sink's own topic creation does not wait, see docs/PERFORMANCE.md.
         */
        private void createTopic(String topic) throws Exception {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                try {
                    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get()
                            .get(topic);
                    if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                        break;
                    }
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " has no leaders after 30 s");
                }
                Thread.sleep(50);
            }
            Thread.sleep(500);
        }

        /** Reads the topic's end offsets: what the broker holds, not what a producer believes it sent. */
        private void requireLanded(String topic, long records) throws Exception {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long landed = admin.listOffsets(latest).all().get().values().stream()
                    .collect(Collectors.summingLong(info -> info.offset()));
            if (landed != records) {
                throw new IllegalStateException("topic " + topic + " holds " + landed + " records, expected "
                        + records);
            }
        }
    }

    /** A block whose standard output is captured. */
    private interface Action {
        void run() throws Exception;
    }

    private static String captureStdout(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
