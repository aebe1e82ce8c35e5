package dev.dataemulator.benchmarks.internal;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A long run whose heap is sampled after a full GC every 10 seconds: the soak of the harnesses that show memory stays
 * flat. Prints each sample with the records delivered and the load average, then the spread of the samples after the
 * first minute (the warm-up: buffers and JIT reach their size).
 */
public final class Soak {
    private static final long SAMPLE_MILLIS = 10_000;
    private static final int WARM_UP_SAMPLES = 6;

    private Soak() {
    }

    /**
     * @param spec the emulation, ending by itself (a duration)
     * @return the heap samples after the first minute, MiB
     * @throws InterruptedException when interrupted
     */
    public static List<Double> run(EmulationSpec spec) throws InterruptedException {
        List<Double> heap = new ArrayList<>();
        long start = System.nanoTime();
        try (Emulation emulation = EmulationRunner.start(spec)) {
            while (!emulation.status().isTerminal()) {
                Thread.sleep(SAMPLE_MILLIS);
                System.gc();
                double used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (double) (1 << 20);
                heap.add(used);
                System.out.println(Report.format("t=%3ds heap after GC %.1f MiB, delivered %d (load %s)",
                        (System.nanoTime() - start) / 1_000_000_000L, used, emulation.stats().delivered(),
                        Report.loadAverage()));
            }
            EmulationReport report = emulation.awaitCompletion(Duration.ofMinutes(2));
            System.out.println("report: " + report.stats() + " " + report.status());
        }
        List<Double> late = heap.subList(Math.min(heap.size(), WARM_UP_SAMPLES), heap.size());
        System.out.println("heap after GC, first minute excluded (MiB): " + Report.spread(late, "%.1f")
                + (late.isEmpty() ? "" : Report.format("; max %.1f", late.stream().mapToDouble(d -> d).max()
                .orElse(0))));
        return new ArrayList<>(late);
    }
}
