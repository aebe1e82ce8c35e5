package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Fixtures;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contenders of {@link DeclarativeBenchmark} (generate + JSON envelope on one thread) in alternating rounds, with
 * wall-clock and CPU time per record: on a shared, loaded machine the CPU figure is the steadier one. Each round
 * makes {@code --records} records of every contender, in a rotating order; the first {@code --warmup} rounds are
 * discarded; medians and ranges of the others are printed, with the ratios of the declarative device-log to the
 * hand-written one and of children per parent ({@code visits-per-parent}) to children picking their parent
 * ({@code visits-ref}) when both of a pair run.
 *
 * <p>Run: {@code java -cp emulator-benchmarks/target/benchmarks.jar dev.dataemulator.benchmarks.DeclarativeRounds
 * --records 300000 --rounds 9 --warmup 2}
 */
public final class DeclarativeRounds {
    private static final String DOMAINS = "orders,device-log-declarative,device-log";

    private DeclarativeRounds() {
    }

    /** @param args {@code --records N --rounds R --warmup W}, {@code --domains a,b,c} (any registered domains) */
    public static void main(String[] args) {
        Args options = new Args(args, Map.of("records", "300000", "rounds", "9", "warmup", "2", "domains", DOMAINS));
        List<String> domains = List.of(options.string("domains").split(","));
        int records = (int) options.number("records");
        int rounds = (int) options.number("rounds");
        int warmup = (int) options.number("warmup");
        System.out.println(Report.machine());
        DomainRegistry registry = DeclarativeBenchmark.registry();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Fixtures.Stream> streams = new LinkedHashMap<>();
        Map<String, List<Double>> wall = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        for (String domain : domains) {
            streams.put(domain, Fixtures.of(domain).registry(registry).seed(42).emulationId("benchmark").stream());
            wall.put(domain, new ArrayList<>());
            cpu.put(domain, new ArrayList<>());
        }
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < domains.size(); i++) {
                String domain = domains.get((round + i) % domains.size());
                Fixtures.Stream stream = streams.get(domain);
                long capacity = stream.capacity();
                long base = (long) round * records;
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                for (int n = 0; n < records; n++) {
                    long seq = base + n;
                    sink += stream.record(capacity == Long.MAX_VALUE ? seq : seq % capacity).json().length;
                }
                double wallSeconds = (System.nanoTime() - wall0) / 1e9;
                double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                if (round >= warmup) {
                    wall.get(domain).add(records / wallSeconds);
                    cpu.get(domain).add(records / cpuSeconds);
                }
            }
        }
        System.out.println(Report.format("%-24s %-40s %-40s", "domain", "records/s wall: median [min .. max]",
                "records per CPU second: median [min .. max]"));
        for (String domain : domains) {
            System.out.println(Report.format("%-24s %-40s %-40s", domain, Report.spread(wall.get(domain), "%,.0f"),
                    Report.spread(cpu.get(domain), "%,.0f")));
        }
        for (String[] pair : new String[][] {{"device-log-declarative", "device-log"},
            {"visits-per-parent", "visits-ref"}}) {
            if (wall.containsKey(pair[0]) && wall.containsKey(pair[1])) {
                System.out.println(Report.format("%s / %s: %.2f (wall), %.2f (CPU)", pair[0], pair[1],
                        Report.median(wall.get(pair[0])) / Report.median(wall.get(pair[1])),
                        Report.median(cpu.get(pair[0])) / Report.median(cpu.get(pair[1]))));
            }
        }
        System.out.println(Report.format("bytes made: %d; load average after: %s", sink, Report.loadAverage()));
    }
}
