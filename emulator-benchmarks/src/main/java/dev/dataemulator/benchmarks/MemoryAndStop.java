package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.DeadlineClock;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.benchmarks.internal.ServerProcess;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.testkit.EmbeddedS3;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory and stop: long emulations at full speed (no rate limit) on Kafka and on each S3 mode, with the heap in use
 * after a collection (the heap pools' collection usage after {@code System.gc()}) and the resident set size
 * ({@code VmRSS} of {@code /proc/self/status}) sampled every few seconds. Prints the series, the medians of the first
 * and last thirds (flat means they agree), and the time from the deadline to the end of the emulation, split into
 * the workers stopping and the final flush and close. The servers run in a child JVM so their memory is not counted.
 *
 * <pre>
 * java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp emulator-benchmarks/target/benchmarks.jar \
 *     dev.dataemulator.benchmarks.MemoryAndStop \
 *     --duration 10m --modes kafka,chunked,grouped,single
 * </pre>
 */
public final class MemoryAndStop {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private MemoryAndStop() {
    }

    /**
     * @param argv {@code --duration D} per mode (the issue asks for minutes; default 2m), {@code --modes} (comma
     *     separated: {@code kafka}, {@code chunked}, {@code grouped}, {@code single}), {@code --sample D},
     *     {@code --threads N}, {@code --gc true|false} (collect before each heap sample)
     * @throws Exception when a run fails
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("duration", "2m");
        defaults.put("modes", "kafka,chunked,grouped,single");
        defaults.put("sample", "5s");
        defaults.put("threads", "1");
        defaults.put("gc", "true");
        Args args = new Args(argv, defaults);
        Duration duration = args.duration("duration");
        System.out.println(Report.machine());
        System.out.println("options: " + args);
        List<String> summaries = new ArrayList<>();
        for (String mode : args.string("modes").split(",")) {
            summaries.add(run(mode.trim(), duration, args));
        }
        System.out.println();
        System.out.println("summary (heap and RSS in MiB: median of first third -> median of last third)");
        summaries.forEach(System.out::println);
        System.exit(0);
    }

    private static String run(String mode, Duration duration, Args args) throws Exception {
        boolean kafka = mode.equals("kafka");
        List<String> brokerProps = kafka ? List.of("log.retention.check.interval.ms=15000") : List.of();
        try (ServerProcess server = ServerProcess.start(kafka ? "kafka" : "s3", brokerProps)) {
            Map<String, String> sink = new LinkedHashMap<>();
            String sinkName;
            if (kafka) {
                sinkName = "kafka";
                sink.put("bootstrap.servers", server.address());
                // bound the broker's disk use in long runs (per partition)
                sink.put("topic_config.segment.bytes", Long.toString(256L << 20));
                sink.put("topic_config.retention.bytes", Long.toString(512L << 20));
            } else {
                sinkName = "minio";
                sink.put("endpoint", server.address());
                sink.put("access_key", EmbeddedS3.DEFAULT_ACCESS_KEY);
                sink.put("secret_key", EmbeddedS3.DEFAULT_SECRET_KEY);
                sink.put("sync_type", mode);
                if (mode.equals("grouped")) {
                    // one object of the whole run: compressed, so minutes at full speed fit on disk twice
                    sink.put("gzip", "true");
                }
            }
            DeadlineClock clock = new DeadlineClock(Thread.currentThread());
            EmulationSpec spec = EmulationSpec.builder()
                    .domain("transaction")
                    .sink(sinkName, sink)
                    .resource("memory-" + mode)
                    .threads((int) args.number("threads"))
                    .duration(duration)
                    .seed(5)
                    .clock(clock)
                    .build();
            System.out.println();
            System.out.println("== " + mode + ": " + duration.toSeconds() + " s at full speed, "
                    + args.number("threads") + " thread(s), sink " + sinkName + " " + sinkSettings(sink));
            System.out.println("   t(s)  heap-after-gc(MiB)  rss(MiB)  records      records/s");
            boolean gc = Boolean.parseBoolean(args.string("gc"));
            long sampleNanos = args.duration("sample").toNanos();
            List<Double> heap = new ArrayList<>();
            List<Double> rss = new ArrayList<>();

            // the runner fixes its deadline (clock + duration) inside start(), after creating the sink: the clock
            // notes that reading; should it not, the time before start() gives an early deadline (an upper bound)
            long startNanos = System.nanoTime();
            Emulation emulation = EmulationRunner.start(spec);
            long deadlineNanos = (clock.firstNanos() != 0 ? clock.firstNanos() : startNanos) + duration.toNanos();
            long lastRecords = 0;
            long lastNanos = startNanos;
            while (System.nanoTime() < deadlineNanos - sampleNanos && !emulation.status().isTerminal()) {
                Thread.sleep(sampleNanos / 1_000_000);
                if (gc) {
                    System.gc();
                }
                double heapMiB = heapAfterGcBytes() / (double) (1 << 20);
                double rssMiB = rssKiB() / 1024.0;
                long now = System.nanoTime();
                long recordsNow = emulation.stats().generated();
                heap.add(heapMiB);
                rss.add(rssMiB);
                System.out.println(Report.format("  %5.0f  %18.1f  %8.1f  %-11d  %.0f", (now - startNanos) / 1e9,
                        heapMiB, rssMiB, recordsNow, (recordsNow - lastRecords) / ((now - lastNanos) / 1e9)));
                lastRecords = recordsNow;
                lastNanos = now;
            }
            // around the deadline: watch the record count closely to see when the workers stop
            long lastChange = System.nanoTime();
            long seen = emulation.stats().generated();
            while (!emulation.status().isTerminal()) {
                Thread.sleep(2);
                long g = emulation.stats().generated();
                if (g != seen) {
                    seen = g;
                    lastChange = System.nanoTime();
                }
            }
            long endNanos = System.nanoTime();
            EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(10));
            emulation.close();
            if (report.status() != EmulationStatus.COMPLETED) {
                throw new IllegalStateException(mode + " ended " + report.status() + ": "
                        + report.failure().map(Throwable::toString).orElse(""));
            }
            double workersStop = (lastChange - deadlineNanos) / 1e6;
            double flush = (endNanos - Math.max(lastChange, deadlineNanos)) / 1e6;
            double total = (endNanos - deadlineNanos) / 1e6;
            System.out.println("   final: " + report.stats());
            String summary = Report.format("%-8s heap %s -> %s, RSS %s -> %s; deadline to end %.0f ms "
                    + "(workers stopped %+.0f ms, flush + close %.0f ms); %d records, %.0f records/s", mode,
                    thirdMedian(heap, 0), thirdMedian(heap, 2), thirdMedian(rss, 0), thirdMedian(rss, 2), total,
                    workersStop, flush, report.stats().generated(), report.stats().ratePerSecond());
            System.out.println("   " + summary);
            return summary;
        }
    }

    private static String sinkSettings(Map<String, String> sink) {
        Map<String, String> shown = new LinkedHashMap<>(sink);
        shown.remove("secret_key");
        shown.remove("access_key");
        return shown.toString();
    }

    /** @return the median of the first ({@code third == 0}) or last ({@code third == 2}) third of the series */
    private static String thirdMedian(List<Double> series, int third) {
        if (series.isEmpty()) {
            return "n/a";
        }
        int size = Math.max(1, series.size() / 3);
        List<Double> part = third == 0 ? series.subList(0, size) : series.subList(series.size() - size,
                series.size());
        return Report.format("%.0f", Report.median(part));
    }

    /**
     * @return the heap in use right after the last collection (the sum of the heap pools' collection usage), which
     *     is the live set after {@code System.gc()}; the current heap use when a pool does not report it
     */
    private static long heapAfterGcBytes() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage after = pool.getCollectionUsage();
                if (after == null) {
                    return MEMORY.getHeapMemoryUsage().getUsed();
                }
                used += after.getUsed();
            }
        }
        return used;
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
