package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.KafkaEndToEnd.Result;
import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.benchmarks.internal.ServerProcess;
import dev.dataemulator.testkit.EmbeddedSchemaRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka sink's {@code value_format=avro} (Confluent's wire format, schema registered with a real registry) against
 * its default {@code json}: the same emulation (transaction domain, envelope, same seed, {@code --threads} workers)
 * into fresh topics of the same broker, rounds alternating which goes first. The broker and the registry (Apicurio,
 * {@link EmbeddedSchemaRegistry}) run in their own JVMs, so this process's CPU time is the emulator's alone. Prints
 * records/s and CPU µs per record of each round, the medians and the median of the per-round ratios avro / json, and
 * the load average.
 *
 * <pre>
 * java -Xmx2g -XX:-UseDynamicNumberOfCompilerThreads -cp emulator-benchmarks/target/benchmarks.jar \
 *     dev.dataemulator.benchmarks.KafkaAvroVsJson --records 1000000 --rounds 7 --warmup 300000 --threads 2
 * </pre>
 *
 * The registry's distribution must be in the local Maven repository (the emulator-kafka build fetches it, or
 * {@code ./mvnw dependency:get -Dartifact=io.apicurio:apicurio-registry-app:2.6.13.Final:tar.gz:all}).
 */
public final class KafkaAvroVsJson {
    private KafkaAvroVsJson() {
    }

    /**
     * @param argv {@code --records N} (per run), {@code --rounds N}, {@code --warmup N} (records per format of the
     *     one unreported warm-up round), {@code --threads N} (emulator workers), {@code --partitions N}
     * @throws Exception when a run fails
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("records", "300000");
        defaults.put("rounds", "5");
        defaults.put("warmup", "200000");
        defaults.put("threads", "2");
        defaults.put("partitions", "5");
        Args args = new Args(argv, defaults);
        long records = args.number("records");
        Map<String, String> producer = new LinkedHashMap<>();
        producer.put("acks", "all");
        producer.put("linger.ms", "5");
        producer.put("batch.size", "65536");
        producer.put("compression.type", "lz4");

        System.out.println(Report.machine());
        System.out.println("options: " + args + ", producer settings: " + producer);
        try (ServerProcess kafka = ServerProcess.start("kafka", List.of());
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.address()))) {
            System.out.println("broker " + kafka.address() + " and " + registry + ", each in its own JVM");
            KafkaEndToEnd.Bench bench = new KafkaEndToEnd.Bench(kafka.address(), admin, null, producer,
                    (int) args.number("partitions"), (int) args.number("threads"), List.of());
            Map<String, Map<String, String>> formats = new LinkedHashMap<>();
            formats.put("json", Map.of("value_format", "json"));
            formats.put("avro", Map.of("value_format", "avro", "schema_registry_url", registry.url()));
            List<String> names = new ArrayList<>(formats.keySet());

            long warmup = args.number("warmup");
            if (warmup > 0) {
                System.out.println("warm-up round (not reported): " + warmup + " records each");
                for (String name : names) {
                    bench.emulator("warmup-" + name, warmup, formats.get(name));
                }
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            names.forEach(n -> {
                rates.put(n, new ArrayList<>());
                cpu.put(n, new ArrayList<>());
            });
            List<Double> rateRatio = new ArrayList<>();
            List<Double> cpuRatio = new ArrayList<>();
            for (int round = 1; round <= args.number("rounds"); round++) {
                Map<String, Result> results = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get((i + round) % names.size());
                    Result result = bench.emulator(name + "-" + round, records, formats.get(name));
                    results.put(name, result);
                    rates.get(name).add(result.rate());
                    cpu.get(name).add(result.cpuWithoutJit());
                }
                Result json = results.get("json");
                Result avro = results.get("avro");
                rateRatio.add(avro.rate() / json.rate());
                cpuRatio.add(avro.cpuWithoutJit() / json.cpuWithoutJit());
                System.out.println(Report.format("round %d (%s first): json %.0f/s %.2f us CPU/record; avro %.0f/s "
                        + "%.2f us; avro/json %.3f rate, %.3f CPU (load %s)", round, names.get(round % 2),
                        json.rate(), json.cpuWithoutJit(), avro.rate(), avro.cpuWithoutJit(),
                        avro.rate() / json.rate(), avro.cpuWithoutJit() / json.cpuWithoutJit(),
                        Report.loadAverage()));
            }
            for (String name : names) {
                System.out.println(Report.format("%-5s records/s %s, CPU us/record without JIT %s", name,
                        Report.spread(rates.get(name), "%.0f"), Report.spread(cpu.get(name), "%.2f")));
            }
            System.out.println("avro / json, records/s:  " + Report.spread(rateRatio, "%.3f") + " (target >= 1.0)");
            System.out.println("avro / json, CPU/record: " + Report.spread(cpuRatio, "%.3f"));
            System.out.println("load average at the end: " + Report.loadAverage());
        }
        System.exit(0);
    }
}
