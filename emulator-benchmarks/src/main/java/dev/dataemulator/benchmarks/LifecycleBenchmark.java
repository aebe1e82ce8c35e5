package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.declarative.DeclarativeDomains;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes of a lifecycle domain on one thread: a 10-field entity with 3 states (no delete, so that every entity
 * count has changes for every round), for several entity counts in alternating rounds. Prints, per count, the
 * median and range of changes per second and of CPU microseconds per change (the thread's CPU time), and the heap in
 * use after a full collection once the rounds are done, with the change stream still open: memory is per window of
 * event time, so it should not grow with the number of entities.
 *
 * <p>Each round makes {@code --changes} changes of every count through {@link Fixtures.Stream#record(long)} (the
 * runner's path: the change schedule, the values, the record) and, with {@code --json true}, their JSON.
 *
 * <p>Run: {@code java -Xms1g -Xmx1g -cp emulator-benchmarks/target/benchmarks.jar
 * dev.dataemulator.benchmarks.LifecycleBenchmark --entities 10000,10000000 --changes 300000 --rounds 7 --warmup 2}
 */
public final class LifecycleBenchmark {
    private static final String DEFINITION = """
            version: 1
            domains:
              profiles:
                key: id
                count: %d
                lifecycle:
                  created: {timestamp: {between: ["2026-01-01", "2026-01-01"]}}   # one day: a steady state soon
                  initial: active
                  states:
                    active:
                      dwell: {distribution: exponential, mean: 2d}
                      next: {active: 6, dormant: 2, frozen: 1}
                      changes: [balance, score, visits, updated_at]
                    dormant:
                      dwell: {min: 1d, max: 10d}
                      next: {active: 3, frozen: 1}
                      changes: [verified, updated_at]
                    frozen:
                      dwell: {distribution: normal, mean: 3d, stddev: 1d}
                      next: {active: 1}
                      changes: [tier, region, updated_at]
                fields:
                  id: {unique: {min: 1000000000, max: 9999999999}}
                  status: {state: {}}
                  balance: {decimal: {min: 0, max: 50000, scale: 2}}
                  tier: {weighted: {basic: 8, gold: 2}}
                  score: {double: {distribution: normal, mean: 0.5, stddev: 0.1, min: 0, max: 1}}
                  visits: {long: {min: 0, max: 100000}}
                  verified: {boolean: {p: 0.7}}
                  region: {one_of: [eu, us, apac, latam]}
                  signup_date: {date: {between: ["2020-01-01", "2025-12-31"]}}
                  updated_at: {timestamp: {now: {}}}
            """;

    private LifecycleBenchmark() {
    }

    /** @param argv {@code --entities a,b}, {@code --changes N} per round, {@code --rounds R}, {@code --warmup W}, {@code --json} */
    public static void main(String[] argv) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("entities", "10000,10000000");
        defaults.put("changes", "300000");
        defaults.put("rounds", "7");
        defaults.put("warmup", "2");
        defaults.put("json", "false");
        Args args = new Args(argv, defaults);
        System.out.println(Report.machine());
        System.out.println("options: " + args);
        List<Long> counts = new ArrayList<>();
        for (String count : args.string("entities").split(",")) {
            counts.add(Long.parseLong(count.trim()));
        }
        int changes = (int) args.number("changes");
        int rounds = (int) args.number("rounds");
        int warmup = (int) args.number("warmup");
        boolean json = Boolean.parseBoolean(args.string("json"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Fixtures.Stream> streams = new LinkedHashMap<>();
        Map<Long, List<Double>> rates = new LinkedHashMap<>();
        Map<Long, List<Double>> cpu = new LinkedHashMap<>();
        for (long count : counts) {
            DomainRegistry registry = DomainRegistry.builder()
                    .register(DeclarativeDomains.parse("profiles.yaml", DEFINITION.formatted(count)).get(0)).build();
            streams.put(count, Fixtures.of("profiles").registry(registry).seed(42).envelope(false)
                    .eventTime(EventTime.backfill(Instant.parse("2026-01-01T00:00:00Z"),
                            Instant.parse("2100-01-01T00:00:00Z")))
                    .stream());
            rates.put(count, new ArrayList<>());
            cpu.put(count, new ArrayList<>());
        }
        long checksum = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < counts.size(); i++) {
                long count = counts.get((round + i) % counts.size());
                Fixtures.Stream stream = streams.get(count);
                long base = (long) round * changes;
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                for (int n = 0; n < changes; n++) {
                    EmulatedRecord record = stream.record(base + n);
                    checksum += json ? record.json().length : record.eventTimeMillis();
                }
                long wall = System.nanoTime() - wall0;
                long used = threads.getCurrentThreadCpuTime() - cpu0;
                if (round >= warmup) {
                    rates.get(count).add(changes / (wall / 1e9));
                    cpu.get(count).add(used / 1e3 / changes);
                }
            }
        }
        System.out.println("checksum " + checksum + ", load average " + Report.loadAverage());
        for (long count : counts) {
            System.out.println(Report.format("%,d entities: %,.0f changes/s (%s), %.2f µs CPU/change (%s)", count,
                    Report.median(rates.get(count)), Report.spread(rates.get(count), "%,.0f"),
                    Report.median(cpu.get(count)), Report.spread(cpu.get(count), "%.2f")));
        }
        long heap = heapAfterGc(); // every stream still open, past its rounds
        System.out.println(Report.format("heap after GC with all %d streams open: %.1f MiB", counts.size(),
                heap / 1048576.0));
        for (long count : counts) {
            streams.put(count, null);
            long left = heapAfterGc();
            System.out.println(Report.format("  without the %,d-entity stream: %.1f MiB (it held %.1f MiB)", count,
                    left / 1048576.0, (heap - left) / 1048576.0));
            heap = left;
        }
    }

    /** @return the heap in use after two full collections: the heap pools' collection usage */
    private static long heapAfterGc() {
        System.gc();
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }
}
