package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.RateCurve;
import dev.dataemulator.core.support.MemorySyncProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the virtual clock costs: the same domain, thread count, record count and sink (the in-memory sink, counting
 * only) in live mode without a rate limit and as a backfill with a peaked hourly curve and 2 % lateness, in
 * alternating rounds. Prints the median records/s and process CPU time per record of each.
 *
 * <pre>
 * java -cp emulator-benchmarks/target/benchmarks.jar dev.dataemulator.benchmarks.EventTimeCost \
 *     --records 2000000 --rounds 5 --threads 2 --domain transaction
 * </pre>
 */
public final class EventTimeCost {
    private static final double[] PEAKED = {
        1, 1, 1, 1, 1, 2, 4, 6, 8, 10, 12, 14, 20, 14, 12, 10, 12, 16, 24, 16, 10, 6, 3, 2};

    private EventTimeCost() {
    }

    /**
     * @param argv {@code --records N} per round, {@code --rounds N}, {@code --threads N}, {@code --domain D},
     *     {@code --warmup N} records per contender first
     */
    public static void main(String[] argv) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("records", "1000000");
        defaults.put("rounds", "5");
        defaults.put("threads", "2");
        defaults.put("domain", "transaction");
        defaults.put("warmup", "300000");
        Args args = new Args(argv, defaults);
        System.out.println(Report.machine());
        System.out.println("options: " + args);
        long records = args.number("records");
        run(false, args, args.number("warmup"));
        run(true, args, args.number("warmup"));
        List<Double> liveRate = new ArrayList<>();
        List<Double> backfillRate = new ArrayList<>();
        List<Double> liveCpu = new ArrayList<>();
        List<Double> backfillCpu = new ArrayList<>();
        for (int round = 0; round < args.number("rounds"); round++) {
            double[] live = run(false, args, records);
            double[] backfill = run(true, args, records);
            liveRate.add(live[0]);
            liveCpu.add(live[1]);
            backfillRate.add(backfill[0]);
            backfillCpu.add(backfill[1]);
            System.out.println(Report.format("round %d: live %,.0f rec/s %.3f us CPU/rec | backfill %,.0f rec/s %.3f us "
                    + "CPU/rec | load %s", round, live[0], live[1], backfill[0], backfill[1], Report.loadAverage()));
        }
        System.out.println("live unlimited : " + Report.spread(liveRate, "%,.0f") + " rec/s, "
                + Report.spread(liveCpu, "%.3f") + " us CPU/record");
        System.out.println("backfill       : " + Report.spread(backfillRate, "%,.0f") + " rec/s, "
                + Report.spread(backfillCpu, "%.3f") + " us CPU/record");
        System.out.println(Report.format("backfill / live (median records/s): %.3f; load average %s",
                Report.median(backfillRate) / Report.median(liveRate), Report.loadAverage()));
        System.exit(0);
    }

    /** @return records/s and process CPU microseconds per record of one run */
    private static double[] run(boolean backfill, Args args, long records) {
        EmulationSpec.Builder spec = EmulationSpec.builder().domain(args.string("domain"))
                .sink(new MemorySyncProducer(false)).threads((int) args.number("threads")).maxRecords(records)
                .seed(1).progressInterval(Duration.ofHours(1));
        if (backfill) {
            Instant from = Instant.parse("2026-01-01T00:00:00Z");
            // a range that holds more records than the run makes: maxRecords ends it, like the live run
            spec.ratePerSecond(50).eventTime(EventTime.backfill(from, from.plus(Duration.ofDays(365))))
                    .rateCurve(RateCurve.hourly(PEAKED)).lateness(0.02, Duration.ofMinutes(10));
        }
        long cpu0 = Report.processCpuNanos();
        long t0 = System.nanoTime();
        EmulationReport report = EmulationRunner.run(spec.build());
        long wall = System.nanoTime() - t0;
        long cpu = Report.processCpuNanos() - cpu0;
        long made = report.stats().generated();
        return new double[] {made / (wall / 1e9), cpu / 1e3 / made};
    }
}
