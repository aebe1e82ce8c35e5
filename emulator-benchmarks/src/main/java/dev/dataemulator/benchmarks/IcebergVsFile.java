package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.benchmarks.internal.Report.CpuMark;
import dev.dataemulator.benchmarks.internal.Soak;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.file.FileSinkProvider;
import dev.dataemulator.iceberg.IcebergSinkProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code iceberg} sink (local warehouse, embedded SQLite catalog) against the {@code file} sink writing the same
 * records as Parquet ({@code sync_type=chunked}, {@code format_type=parquet}), both into a fresh directory of the
 * local disk, fed the same pre-made transactions from {@code --threads} threads and timed until {@code flush()}
 * returns (every record committed or written). Rounds alternate which goes first. Prints records/s, this process's
 * CPU per record, and the median of the per-round ratios iceberg / file.
 *
 * <p>With {@code --soak 3m} it instead runs the {@code transaction} domain into the {@code iceberg} sink for that long
 * at {@code --rate} records/s with {@code partition_by=bucket(24, user_id)}: 24 partitions, each with an open data
 * file between commits ({@code commit_interval} 10 s), the heap sampled after a full GC every 10 s; {@code --rounds}
 * runs, each into a fresh warehouse, and the median of their heap medians.
 *
 * <pre>
 * java -Xmx1g -cp emulator-benchmarks/target/benchmarks.jar dev.dataemulator.benchmarks.IcebergVsFile \
 *     --records 300000 --rounds 5 --threads 2
 * java -Xmx512m -cp emulator-benchmarks/target/benchmarks.jar dev.dataemulator.benchmarks.IcebergVsFile \
 *     --soak 3m --rate 20000 --rounds 2 --threads 2
 * </pre>
 */
public final class IcebergVsFile {

    private IcebergVsFile() {
    }

    /**
     * @param argv {@code --records N}, {@code --rounds N}, {@code --threads N}, {@code --warmup-rounds N}, or
     *     {@code --soak DURATION} with {@code --rate N} records/s
     * @throws Exception when a run fails
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("records", "300000");
        defaults.put("rounds", "5");
        defaults.put("threads", "2");
        defaults.put("warmup-rounds", "1");
        defaults.put("soak", "");
        defaults.put("rate", "20000");
        Args args = new Args(argv, defaults);
        if (!args.string("soak").isEmpty()) {
            System.out.println(Report.machine());
            System.out.println("settings: " + args);
            soak(args);
            return;
        }
        int records = (int) args.number("records");
        int threads = (int) args.number("threads");
        System.out.println(Report.machine());
        System.out.println("settings: " + args);
        List<EmulatedRecord> transactions = Fixtures.of("transaction").seed(1).envelope(false).records(records);
        List<Double> iceberg = new ArrayList<>();
        List<Double> file = new ArrayList<>();
        List<Double> icebergCpu = new ArrayList<>();
        List<Double> fileCpu = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        int rounds = (int) args.number("rounds");
        int warmups = (int) args.number("warmup-rounds");
        for (int round = -warmups; round < rounds; round++) {
            double[] i = null;
            double[] f = null;
            for (int slot = 0; slot < 2; slot++) {
                if (Math.floorMod(round + slot, 2) == 0) {
                    i = run(true, transactions, threads);
                } else {
                    f = run(false, transactions, threads);
                }
            }
            String label = round < 0 ? "warm-up" : "round " + (round + 1);
            System.out.println(Report.format("%s: iceberg %,.0f records/s (%.2f us CPU/record), file parquet %,.0f "
                    + "records/s (%.2f us CPU/record), iceberg / file %.2f; load %s", label, i[0], i[1], f[0], f[1],
                    i[0] / f[0], Report.loadAverage()));
            if (round >= 0) {
                iceberg.add(i[0]);
                file.add(f[0]);
                icebergCpu.add(i[1]);
                fileCpu.add(f[1]);
                ratios.add(i[0] / f[0]);
            }
        }
        System.out.println("medians [min .. max] over " + rounds + " rounds:");
        System.out.println("  iceberg       " + Report.spread(iceberg, "%,.0f") + " records/s, CPU/record "
                + Report.spread(icebergCpu, "%.2f") + " us");
        System.out.println("  file parquet  " + Report.spread(file, "%,.0f") + " records/s, CPU/record "
                + Report.spread(fileCpu, "%.2f") + " us");
        System.out.println("  iceberg / file (median of per-round ratios): " + Report.spread(ratios, "%.2f")
                + "; load average " + Report.loadAverage());
    }

    private static void soak(Args args) throws Exception {
        List<Double> medians = new ArrayList<>();
        for (int round = 1; round <= args.number("rounds"); round++) {
            Path dir = Files.createTempDirectory("iceberg-soak");
            System.out.println("round " + round + " into " + dir);
            EmulationSpec spec = EmulationSpec.builder().domain("transaction").resource("transactions")
                    .envelope(false).sink("iceberg", Map.of("warehouse", dir.toString(), "partition_by",
                            "bucket(24, user_id)"))
                    .threads((int) args.number("threads")).duration(args.duration("soak"))
                    .ratePerSecond(args.number("rate")).build();
            medians.add(Report.median(Soak.run(spec)));
            delete(dir);
        }
        System.out.println("heap after GC, median of each round's samples after its first minute (MiB): "
                + Report.spread(medians, "%.1f") + "; load average " + Report.loadAverage());
    }

    /** @return records/s and CPU microseconds per record */
    private static double[] run(boolean iceberg, List<EmulatedRecord> records, int threads) throws Exception {
        Path dir = Files.createTempDirectory(iceberg ? "iceberg-bench" : "file-bench");
        Map<String, String> config = new LinkedHashMap<>();
        if (iceberg) {
            config.put("warehouse", dir.toString());
            config.put("commit_interval", "10s");
        } else {
            config.put("path", dir.toString());
            config.put("sync_type", "chunked");
            config.put("format_type", "parquet");
            config.put("max_chunk_size", "128MiB");
        }
        CpuMark cpu = CpuMark.now();
        long start = System.nanoTime();
        try (SyncProducer sink = iceberg ? new IcebergSinkProvider().create(config)
                : new FileSinkProvider().create(config)) {
            sink.setupResource("transactions");
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                Thread worker = new Thread(() -> {
                    for (int r = first; r < records.size(); r += threads) {
                        EmulatedRecord record = records.get(r);
                        sink.produce("transactions", record.key(), record);
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            sink.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double micros = cpu.microsPerRecordWithAndWithoutJit(records.size())[0];
        delete(dir);
        return new double[] {records.size() / seconds, micros};
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
