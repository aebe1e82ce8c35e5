package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.benchmarks.internal.ServerProcess;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.kafka.KafkaSyncProducer;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka end to end on a broker in its own JVM ({@link ServerProcess}), so that this process's CPU time is the
 * client side only. Four contenders with the same producer settings and topic layout (a fresh topic of 5 partitions
 * per run): the emulator (records generated, encoded and sent by {@code --threads} workers); a <b>bare keyed
 * producer</b> sending the emulator's own pre-encoded transactions from as many threads, with the same keys
 * ({@code transaction_id}), the same three headers and the same partitioner (the ceiling for this record shape);
 * Kafka's {@code ProducerPerformance} with the same payloads, unkeyed (context); and the <b>Kafka sink alone</b>
 * sending the bare producer's pre-made records (what the sink adds). Rounds rotate which goes first; every round
 * prints records/s and process CPU time per record of each, with and without the JIT compiler threads' CPU
 * (contenders in one JVM keep invalidating each other's compiled code, and whoever runs next pays for the
 * recompilation), the end the medians and the ratios to the bare producer (medians of the per-round ratios, which
 * need not equal the ratio of the medians). Each round also runs the emulator into a sink that only takes the
 * records' JSON: the CPU per record of making and encoding them, the part of the emulator's work the bare producer
 * has no counterpart for.
 *
 * <pre>
 * java -Xmx2g -XX:-UseDynamicNumberOfCompilerThreads -cp emulator-benchmarks/target/benchmarks.jar \
 *     dev.dataemulator.benchmarks.KafkaEndToEnd --records 1000000 --rounds 7 --warmup 1000000 --warmup-rounds 2
 * </pre>
 */
public final class KafkaEndToEnd {
    private static final Pattern TOTAL = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    private KafkaEndToEnd() {
    }

    /**
     * @param argv {@code --records N} (per run), {@code --rounds N}, {@code --warmup N} (records per contender of
     *     each unreported warm-up round), {@code --warmup-rounds N}, {@code --threads N} (emulator workers), {@code --partitions N}, {@code --payloads N}
     *     (distinct payloads in the file)
     * @throws Exception when a run fails
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("records", "300000");
        defaults.put("rounds", "3");
        defaults.put("warmup", "200000");
        defaults.put("warmup-rounds", "2");
        defaults.put("threads", "2");
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
        try (ServerProcess kafka = ServerProcess.start("kafka", List.of());
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.address()))) {
            int count = (int) args.number("payloads");
            double avg = writePayloads(payloads, count);
            System.out.println(Report.format("broker %s (own JVM); payload file: %d transactions, %.1f bytes on "
                    + "average", kafka.address(), count, avg));
            Bench bench = new Bench(kafka.address(), admin, payloads, producer, partitions,
                    (int) args.number("threads"), payloadRecords(count));

            long warmup = args.number("warmup");
            for (int round = 1; warmup > 0 && round <= args.number("warmup-rounds"); round++) {
                System.out.println("warm-up round " + round + " (not reported): " + warmup + " records each");
                bench.producerPerformance("warmup-pp-" + round, warmup);
                bench.bare("warmup-bare-" + round, warmup);
                bench.emulator("warmup-emu-" + round, warmup);
                bench.sinkOnly("warmup-sink-" + round, warmup);
            }
            List<String> names = List.of("emulator", "bare keyed producer", "ProducerPerformance",
                    "kafka sink, pre-made");
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            Map<String, List<Double>> cpuWithoutJit = new LinkedHashMap<>();
            names.forEach(n -> {
                rates.put(n, new ArrayList<>());
                cpu.put(n, new ArrayList<>());
                cpuWithoutJit.put(n, new ArrayList<>());
            });
            List<Double> rateRatio = new ArrayList<>();
            List<Double> cpuRatio = new ArrayList<>();
            List<Double> cpuWithoutJitRatio = new ArrayList<>();
            List<Double> making = new ArrayList<>();
            List<Double> ppRatio = new ArrayList<>();
            List<Double> sinkRateRatio = new ArrayList<>();
            List<Double> sinkCpuRatio = new ArrayList<>();
            for (int round = 1; round <= args.number("rounds"); round++) {
                Map<String, Result> results = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get((i + round) % names.size());
                    String topic = name.substring(0, 4).replace(' ', '-') + "-" + round;
                    Result result = switch (name) {
                        case "emulator" -> bench.emulator(topic, records);
                        case "bare keyed producer" -> bench.bare(topic, records);
                        case "kafka sink, pre-made" -> bench.sinkOnly(topic, records);
                        default -> bench.producerPerformance(topic, records);
                    };
                    results.put(name, result);
                    rates.get(name).add(result.rate());
                    cpu.get(name).add(result.cpuMicrosPerRecord());
                    cpuWithoutJit.get(name).add(result.cpuWithoutJit());
                }
                Result emu = results.get("emulator");
                Result bare = results.get("bare keyed producer");
                Result pp = results.get("ProducerPerformance");
                rateRatio.add(emu.rate() / bare.rate());
                cpuRatio.add(emu.cpuMicrosPerRecord() / bare.cpuMicrosPerRecord());
                cpuWithoutJitRatio.add(emu.cpuWithoutJit() / bare.cpuWithoutJit());
                ppRatio.add(emu.rate() / pp.rate());
                Result sinkOnly = results.get("kafka sink, pre-made");
                sinkRateRatio.add(sinkOnly.rate() / bare.rate());
                sinkCpuRatio.add(sinkOnly.cpuWithoutJit() / bare.cpuWithoutJit());
                making.add(bench.makeOnly(records).cpuWithoutJit());
                System.out.println(Report.format("round %d: emulator %.0f/s %.2f us CPU/record (%.2f without JIT); "
                        + "bare keyed %.0f/s %.2f us (%.2f); ProducerPerformance %.0f/s %.2f us (%.2f); emulator/bare "
                        + "%.3f rate, %.3f CPU, %.3f CPU without JIT; kafka sink with pre-made records %.0f/s %.2f us "
                        + "(%.2f) (load %s)",
                        round, emu.rate(), emu.cpuMicrosPerRecord(), emu.cpuWithoutJit(), bare.rate(),
                        bare.cpuMicrosPerRecord(), bare.cpuWithoutJit(), pp.rate(), pp.cpuMicrosPerRecord(),
                        pp.cpuWithoutJit(), emu.rate() / bare.rate(),
                        emu.cpuMicrosPerRecord() / bare.cpuMicrosPerRecord(),
                        emu.cpuWithoutJit() / bare.cpuWithoutJit(), sinkOnly.rate(), sinkOnly.cpuMicrosPerRecord(),
                        sinkOnly.cpuWithoutJit(), Report.loadAverage()));
            }
            for (String name : names) {
                System.out.println(Report.format("%-20s records/s %s, CPU us/record %s, without JIT %s", name,
                        Report.spread(rates.get(name), "%.0f"), Report.spread(cpu.get(name), "%.2f"),
                        Report.spread(cpuWithoutJit.get(name), "%.2f")));
            }
            System.out.println("emulator / bare keyed, records/s:    " + Report.spread(rateRatio, "%.3f")
                    + " (target >= 0.9)");
            System.out.println("emulator / bare keyed, CPU/record:   " + Report.spread(cpuRatio, "%.3f")
                    + " (target <= 1.3)");
            System.out.println("  the same without JIT compilation:  " + Report.spread(cpuWithoutJitRatio, "%.3f"));
            System.out.println("emulator making and encoding records, no sending: CPU us/record without JIT "
                    + Report.spread(making, "%.2f"));
            System.out.println("emulator / ProducerPerformance:      " + Report.spread(ppRatio, "%.3f"));
            System.out.println("kafka sink with pre-made records / bare keyed: records/s "
                    + Report.spread(sinkRateRatio, "%.3f") + ", CPU/record without JIT "
                    + Report.spread(sinkCpuRatio, "%.3f") + " (the sink's own cost)");
            System.out.println("load average at the end: " + Report.loadAverage());
        } finally {
            Files.deleteIfExists(payloads);
        }
        System.exit(0);
    }

    /** @return the first {@code count} transactions as the emulator makes them: key, JSON bytes, headers */
    private static List<EmulatedRecord> payloadRecords(int count) {
        Fixtures.Stream stream = Fixtures.of("transaction").seed(1).emulationId("payload-file").stream();
        List<EmulatedRecord> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            EmulatedRecord record = stream.record(i);
            record.json(); // encoded now, outside the measured runs
            list.add(record);
        }
        return list;
    }

    /**
     * Records/s and this process's CPU time per record of one run, with and without the JIT compilers' time
     * ({@link Report.CpuMark}).
     */
    record Result(double rate, double cpuMicrosPerRecord, double cpuWithoutJit) {
        static Result of(double rate, Report.CpuMark mark, long records) {
            double[] cpu = mark.microsPerRecordWithAndWithoutJit(records);
            return new Result(rate, cpu[0], cpu[1]);
        }
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

    /** The contenders' runs, shared with {@link KafkaAvroVsJson}. */
    static final class Bench {
        private final String bootstrap;
        private final Admin admin;
        private final Path payloads;
        private final Map<String, String> producer;
        private final int partitions;
        private final int threads;
        private final List<EmulatedRecord> records;

        Bench(String bootstrap, Admin admin, Path payloads, Map<String, String> producer, int partitions,
                int threads, List<EmulatedRecord> records) {
            this.bootstrap = bootstrap;
            this.admin = admin;
            this.payloads = payloads;
            this.producer = producer;
            this.partitions = partitions;
            this.threads = threads;
            this.records = records;
        }

        /**
         * A bare {@code KafkaProducer} with the sink's own producer settings, sending the emulator's pre-encoded
         * transactions with their keys and the sink's three headers from {@code threads} threads.
         */
        Result bare(String topic, long count) throws Exception {
            createTopic(topic);
            Map<String, Object> props = new LinkedHashMap<>(KafkaSyncProducer.PRODUCER_DEFAULTS);
            props.putAll(producer);
            props.put("bootstrap.servers", bootstrap);
            Report.CpuMark mark = Report.CpuMark.now();
            long start = System.nanoTime();
            java.util.concurrent.atomic.LongAdder failed = new java.util.concurrent.atomic.LongAdder();
            try (KafkaProducer<String, byte[]> bare = new KafkaProducer<>(props, new StringSerializer(),
                    new ByteArraySerializer())) {
                sendFrom(threads, count, "bare", seq -> {
                    EmulatedRecord r = records.get((int) (seq % records.size()));
                    Header[] headers = {
                        new RecordHeader("emulation_id", r.emulationId().getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader("domain", r.domain().getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader("seq", Long.toString(seq).getBytes(StandardCharsets.UTF_8)),
                    };
                    bare.send(new ProducerRecord<>(topic, null, null, r.key(), r.json(), new RecordHeaders(headers)),
                            (metadata, e) -> {
                                if (e != null) {
                                    failed.increment();
                                }
                            });
                });
                bare.flush();
            }
            long elapsed = System.nanoTime() - start;
            Result result = Result.of(count * 1e9 / elapsed, mark, count);
            if (failed.sum() > 0) {
                throw new IllegalStateException("bare producer: " + failed.sum() + " records failed");
            }
            requireLanded(topic, count);
            return result;
        }

        /**
         * The emulator's share that the bare producer has no counterpart for: the same emulation (domain, seed,
         * workers) into a sink that takes each record's JSON and sends nothing.
         */
        Result makeOnly(long records) {
            Report.CpuMark mark = Report.CpuMark.now();
            EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                    .domain("transaction")
                    .sink(new JsonOnly())
                    .resource("none")
                    .threads(threads)
                    .maxRecords(records)
                    .seed(7)
                    .build());
            if (report.stats().delivered() != records) {
                throw new IllegalStateException("make-only run did not take every record: " + report.stats());
            }
            return Result.of(report.stats().ratePerSecond(), mark, records);
        }

        /**
         * The Kafka sink alone: {@code KafkaSyncProducer} sending the bare producer's pre-made records (the same
         * keys, values and the sink's headers) from as many threads, each record reported to a counting tracker. Its
         * distance to the bare producer is what the sink adds; the emulator's further distance is making records.
         */
        Result sinkOnly(String topic, long count) throws Exception {
            createTopic(topic);
            Map<String, String> settings = new LinkedHashMap<>(producer);
            settings.put("bootstrap.servers", bootstrap);
            java.util.concurrent.atomic.LongAdder delivered = new java.util.concurrent.atomic.LongAdder();
            java.util.concurrent.atomic.LongAdder failed = new java.util.concurrent.atomic.LongAdder();
            dev.dataemulator.core.spi.DeliveryTracker tracker = new dev.dataemulator.core.spi.DeliveryTracker() {
                @Override
                public void delivered(long n) {
                    delivered.add(n);
                }

                @Override
                public void failed(long n, Throwable cause) {
                    failed.add(n);
                }

                @Override
                public void abort(Throwable cause) {
                }
            };
            List<EmulatedRecord> tracked = new ArrayList<>(records.size());
            for (EmulatedRecord r : records) {
                tracked.add(Fixtures.record(r).tracker(tracker).build());
            }
            // measured from before the sink is made, as the bare producer is from before its producer is
            Report.CpuMark mark = Report.CpuMark.now();
            long start = System.nanoTime();
            try (KafkaSyncProducer sink = KafkaSyncProducer.create(settings)) {
                sink.setupResource(topic);
                sendFrom(threads, count, "sink", seq -> {
                    EmulatedRecord r = tracked.get((int) (seq % tracked.size()));
                    sink.produce(topic, r.key(), r);
                });
                sink.flush();
            }
            Result result = Result.of(count * 1e9 / (System.nanoTime() - start), mark, count);
            if (failed.sum() > 0 || delivered.sum() != count) {
                throw new IllegalStateException("kafka sink: " + delivered.sum() + " delivered, " + failed.sum()
                        + " failed of " + count);
            }
            requireLanded(topic, count);
            return result;
        }

        /** Runs ProducerPerformance in this JVM and returns the records/s of its final summary line. */
        Result producerPerformance(String topic, long records) throws Exception {
            createTopic(topic);
            Report.CpuMark mark = Report.CpuMark.now();
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
            Result result = Result.of(Double.parseDouble(last.group(2)), mark, records);
            requireLanded(topic, records);
            return result;
        }

        /** Runs the emulator (transaction domain, kafka sink) and returns its records/s (after topic setup). */
        Result emulator(String topic, long records) throws Exception {
            return emulator(topic, records, Map.of());
        }

        /**
         * As {@link #emulator(String, long)}, with more sink settings (e.g. {@code value_format}).
         */
        Result emulator(String topic, long records, Map<String, String> sinkSettings) throws Exception {
            return emulator(topic, records, sinkSettings, false);
        }

        /**
         * As {@link #emulator(String, long, Map)}; a resumable run ({@code resume=true}, the topic as its id) keeps
         * its checkpoints, and with {@code exactly_once} its topic holds transaction markers besides the records.
         */
        Result emulator(String topic, long records, Map<String, String> sinkSettings, boolean resumable)
                throws Exception {
            createTopic(topic);
            Map<String, String> sink = new LinkedHashMap<>(producer);
            sink.putAll(sinkSettings);
            sink.put("bootstrap.servers", bootstrap);
            sink.put("topic_partitions", Integer.toString(partitions));
            Report.CpuMark mark = Report.CpuMark.now();
            EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                    .domain("transaction")
                    .sink("kafka", sink)
                    .resource(topic)
                    .threads(threads)
                    .maxRecords(records)
                    .seed(7)
                    .id(resumable ? topic : null)
                    .resume(resumable)
                    .build());
            if (report.stats().delivered() != records || report.failure().isPresent()) {
                throw new IllegalStateException("emulator run " + topic + " did not deliver every record: "
                        + report.stats() + " " + report.failure().map(Throwable::toString).orElse(""));
            }
            Result result = Result.of(report.stats().ratePerSecond(), mark, records);
            requireLanded(topic, records, "true".equals(sinkSettings.get("exactly_once")));
            return result;
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
            requireLanded(topic, records, false);
        }

        /**
         * @param transactional whether the topic also holds transaction markers (one offset each per partition and
         *     commit), so that it holds at least {@code records} offsets
         */
        private void requireLanded(String topic, long records, boolean transactional) throws Exception {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long landed = admin.listOffsets(latest).all().get().values().stream()
                    .collect(Collectors.summingLong(info -> info.offset()));
            if (transactional ? landed < records : landed != records) {
                throw new IllegalStateException("topic " + topic + " holds " + landed + " records, expected "
                        + records);
            }
        }
    }

    /** Calls {@code send} for seq 0 to {@code count - 1}, shared out over {@code threads} threads, and waits for them. */
    private static void sendFrom(int threads, long count, String name, java.util.function.LongConsumer send)
            throws InterruptedException {
        java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread sender = new Thread(() -> {
                long seq;
                while ((seq = next.getAndIncrement()) < count) {
                    send.accept(seq);
                }
            }, name + "-" + t);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
    }

    /** Takes each record's JSON, as the Kafka sink does, and sends nothing. */
    private static final class JsonOnly implements SyncProducer {
        @Override
        public void setupResource(String resource) {
        }

        @Override
        public void produce(String resource, String key, EmulatedRecord record) {
            record.tracker().encoded(record.json().length);
            record.tracker().delivered(1);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
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
