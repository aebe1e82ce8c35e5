package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.benchmarks.internal.ServerProcess;
import dev.dataemulator.testkit.EmbeddedSchemaRegistry;
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
        Args args = new Args(argv, KafkaSinkRounds.defaults());
        long records = args.number("records");
        Map<String, String> producer = KafkaSinkRounds.producer();

        System.out.println(Report.machine());
        System.out.println("options: " + args + ", producer settings: " + producer);
        try (ServerProcess kafka = ServerProcess.start("kafka", List.of());
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.address()))) {
            System.out.println("broker " + kafka.address() + " and " + registry + ", each in its own JVM");
            KafkaEndToEnd.Bench bench = new KafkaEndToEnd.Bench(kafka.address(), admin, null, producer,
                    (int) args.number("partitions"), (int) args.number("threads"), List.of());
            KafkaSinkRounds.run(bench, new KafkaSinkRounds.Side("json", Map.of("value_format", "json"), false),
                    new KafkaSinkRounds.Side("avro", Map.of("value_format", "avro", "schema_registry_url",
                            registry.url()), false), records, args.number("rounds"), args.number("warmup"), 1.0);
        }
        System.exit(0);
    }
}
