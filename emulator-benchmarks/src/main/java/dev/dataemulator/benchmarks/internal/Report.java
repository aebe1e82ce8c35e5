package dev.dataemulator.benchmarks.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Small statistics and the machine description printed at the top of every harness. */
public final class Report {
    private Report() {
    }

    /** @return the median of {@code values} (the mean of the two middle ones for an even count) */
    public static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** @return {@code median [min..max]} of {@code values} with {@code pattern} for each number */
    public static String spread(List<Double> values, String pattern) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return format(pattern, median(values)) + " [" + format(pattern, min) + " .. " + format(pattern, max) + "]";
    }

    /** @return {@code String.format} in the root locale */
    public static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** @return cores, memory, JVM and the load average: what a figure was measured on */
    public static String machine() {
        Runtime rt = Runtime.getRuntime();
        return format("machine: %d cores, %s, JVM %s %s, max heap %d MiB, load average %s",
                rt.availableProcessors(), memTotal(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), rt.maxMemory() >> 20, loadAverage());
    }

    /**
     * @return this process's CPU time so far, in nanoseconds: all threads, including clients' I/O threads and, when
     *     a server runs in this JVM, the server's
     */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * @return the CPU time of this JVM's JIT compiler threads so far, in nanoseconds, from {@code /proc/self/task}
     *     (10 ms resolution), or 0 where that cannot be read. Compiler threads the JVM stops no longer count: run
     *     harnesses that use it with {@code -XX:-UseDynamicNumberOfCompilerThreads} so that none is stopped
     */
    public static long compilerCpuNanos() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /**
     * Process CPU time and JIT compiler CPU time at one instant, to charge the CPU of a measured stretch to its
     * records. Contenders that share a JVM also share its JIT: one contender's run can pay for compiling code that
     * another's changed profiles invalidated, a cost of the benchmark rather than of either. Both figures are kept.
     *
     * @param cpuNanos {@link #processCpuNanos()}
     * @param compilerNanos {@link #compilerCpuNanos()}
     */
    public record CpuMark(long cpuNanos, long compilerNanos) {
        /** @return the current values */
        public static CpuMark now() {
            return new CpuMark(processCpuNanos(), compilerCpuNanos());
        }

        /**
         * @return CPU time since this mark per record, in microseconds: {@code [0]} the process's, {@code [1]} the
         *     same less the JIT compiler threads' (both from one reading of each clock)
         */
        public double[] microsPerRecordWithAndWithoutJit(long records) {
            long jit = compilerCpuNanos() - compilerNanos;
            long cpu = processCpuNanos() - cpuNanos;
            return new double[] {cpu / 1e3 / records, Math.max(0, cpu - jit) / 1e3 / records};
        }
    }

    /** @return the 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or the JVM's 1-minute figure */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", Arrays.copyOf(parts, 3));
        } catch (IOException | RuntimeException e) {
            return format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return format("%d MiB memory", Long.parseLong(line.replaceAll("\\D", "")) >> 10);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave the memory out
        }
        return "memory unknown";
    }
}
