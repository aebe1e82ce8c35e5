package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.benchmarks.internal.ServerProcess;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka sink's {@code exactly_once=true} in a resumable emulation ({@code resume=true}: one transactional producer
 * per worker lane, each transaction carrying the lane's checkpoint, committed every {@code checkpoint_interval})
 * against the default sink (one idempotent producer, no checkpoints): the same emulation (transaction domain, same
 * seed, {@code --threads} workers) into fresh topics of the same broker, rounds alternating which goes first. The
 * broker runs in its own JVM, so this process's CPU time is the emulator's alone. Prints records/s and CPU µs per
 * record of each round, the medians and the median of the per-round ratios, and the load average.
 *
 * <pre>
 * java -Xmx2g -XX:-UseDynamicNumberOfCompilerThreads -cp emulator-benchmarks/target/benchmarks.jar \
 *     dev.dataemulator.benchmarks.KafkaExactlyOnce --records 1000000 --rounds 7 --warmup 300000 --threads 2
 * </pre>
 */
public final class KafkaExactlyOnce {
    private KafkaExactlyOnce() {
    }

    /**
     * @param argv {@code --records N} (per run), {@code --rounds N}, {@code --warmup N} (records per side of the one
     *     unreported warm-up round), {@code --threads N} (emulator workers, so lanes), {@code --partitions N},
     *     {@code --interval D} (the {@code checkpoint_interval}, default the sink's 2s)
     * @throws Exception when a run fails
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> defaults = KafkaSinkRounds.defaults();
        defaults.put("interval", "2s");
        Args args = new Args(argv, defaults);
        Map<String, String> producer = KafkaSinkRounds.producer();

        System.out.println(Report.machine());
        System.out.println("options: " + args + ", producer settings: " + producer);
        try (ServerProcess kafka = ServerProcess.start("kafka", List.of());
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.address()))) {
            System.out.println("broker " + kafka.address() + " in its own JVM");
            KafkaEndToEnd.Bench bench = new KafkaEndToEnd.Bench(kafka.address(), admin, null, producer,
                    (int) args.number("partitions"), (int) args.number("threads"), List.of());
            KafkaSinkRounds.run(bench, new KafkaSinkRounds.Side("default", Map.of(), false),
                    new KafkaSinkRounds.Side("exactly_once", Map.of("exactly_once", "true", "checkpoint_interval",
                            args.string("interval")), true),
                    args.number("records"), args.number("rounds"), args.number("warmup"), 0.8);
        }
        System.exit(0);
    }
}
