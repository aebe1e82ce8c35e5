package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.KafkaEndToEnd.Result;
import dev.dataemulator.benchmarks.internal.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two settings of the Kafka sink, side by side: the same emulation into fresh topics of the same broker, one unreported
 * warm-up round, then rounds alternating which goes first. Prints records/s and CPU µs per record (without the JIT
 * threads) of each round with the load average, the medians, and the medians of the per-round ratios contender /
 * baseline. Shared by {@link KafkaAvroVsJson} and {@link KafkaExactlyOnce}.
 */
final class KafkaSinkRounds {
    /** One side: its name, its sink settings and whether its emulation is resumable. */
    record Side(String name, Map<String, String> sink, boolean resumable) {
    }

    private KafkaSinkRounds() {
    }

    /** @return the options of both harnesses with their defaults: records, rounds, warm-up, threads, partitions */
    static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("records", "300000");
        defaults.put("rounds", "5");
        defaults.put("warmup", "200000");
        defaults.put("threads", "2");
        defaults.put("partitions", "5");
        return defaults;
    }

    /** @return the producer settings both sides use, those of the sink's defaults that matter for throughput */
    static Map<String, String> producer() {
        Map<String, String> producer = new LinkedHashMap<>();
        producer.put("acks", "all");
        producer.put("linger.ms", "5");
        producer.put("batch.size", "65536");
        producer.put("compression.type", "lz4");
        return producer;
    }

    /**
     * @param bench the broker and the emulation's workers and partitions
     * @param baseline the side the ratios divide by
     * @param contender the other side
     * @param records records per run
     * @param rounds reported rounds
     * @param warmup records per side of the warm-up round; 0 for none
     * @param target the ratio of records/s the contender should reach, for the summary line
     */
    static void run(KafkaEndToEnd.Bench bench, Side baseline, Side contender, long records, long rounds, long warmup,
            double target) throws Exception {
        List<Side> sides = List.of(baseline, contender);
        if (warmup > 0) {
            System.out.println("warm-up round (not reported): " + warmup + " records each");
            for (Side side : sides) {
                bench.emulator("warmup-" + side.name(), warmup, side.sink(), side.resumable());
            }
        }
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        sides.forEach(side -> {
            rates.put(side.name(), new ArrayList<>());
            cpu.put(side.name(), new ArrayList<>());
        });
        List<Double> rateRatio = new ArrayList<>();
        List<Double> cpuRatio = new ArrayList<>();
        String ratio = contender.name() + " / " + baseline.name();
        for (int round = 1; round <= rounds; round++) {
            Map<String, Result> results = new LinkedHashMap<>();
            for (int i = 0; i < sides.size(); i++) {
                Side side = sides.get((i + round) % sides.size());
                Result result = bench.emulator(side.name() + "-" + round, records, side.sink(), side.resumable());
                results.put(side.name(), result);
                rates.get(side.name()).add(result.rate());
                cpu.get(side.name()).add(result.cpuWithoutJit());
            }
            Result base = results.get(baseline.name());
            Result other = results.get(contender.name());
            rateRatio.add(other.rate() / base.rate());
            cpuRatio.add(other.cpuWithoutJit() / base.cpuWithoutJit());
            System.out.println(Report.format("round %d (%s first): %s %.0f/s %.2f us CPU/record; %s %.0f/s %.2f us; "
                    + "%s %.3f rate, %.3f CPU (load %s)", round, sides.get(round % 2).name(), baseline.name(),
                    base.rate(), base.cpuWithoutJit(), contender.name(), other.rate(), other.cpuWithoutJit(), ratio,
                    other.rate() / base.rate(), other.cpuWithoutJit() / base.cpuWithoutJit(), Report.loadAverage()));
        }
        for (Side side : sides) {
            System.out.println(Report.format("%-12s records/s %s, CPU us/record without JIT %s", side.name(),
                    Report.spread(rates.get(side.name()), "%.0f"), Report.spread(cpu.get(side.name()), "%.2f")));
        }
        System.out.println(ratio + ", records/s:  " + Report.spread(rateRatio, "%.3f") + " (target >= " + target
                + ")");
        System.out.println(ratio + ", CPU/record: " + Report.spread(cpuRatio, "%.3f"));
        System.out.println("load average at the end: " + Report.loadAverage());
    }
}
