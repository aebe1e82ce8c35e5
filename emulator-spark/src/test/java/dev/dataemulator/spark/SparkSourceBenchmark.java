package dev.dataemulator.spark;

import dev.dataemulator.core.Fixtures;
import dev.dataemulator.spark.internal.RangeReaderFactory;
import dev.dataemulator.spark.internal.SeqRange;
import dev.dataemulator.spark.internal.SourceOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the Spark source against the library's own generation, in one JVM with alternating rounds. Not a
 * test (no speed is asserted; surefire skips it by name). Run:
 * {@code ./mvnw -B -pl emulator-spark -am verify -Dtest=SparkSourceBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Djacoco.skip=true}; figures go to stdout and {@code emulator-spark/target/spark-benchmark.txt}.
 */
class SparkSourceBenchmark {
    static final int ROWS = Integer.getInteger("bench.rows", 200_000);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    static final int CORES = 2; // local[2]

    @Test
    void noopWriteAgainstOneThreadGeneration() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Clock clock = Clock.fixed(Instant.parse(EmulatorDataSourceTest.INSTANT), ZoneOffset.UTC);
        SourceOptions options = SourceOptions.parse(Map.of("domain", "transaction", "seed", "42",
                "clock.instant", EmulatorDataSourceTest.INSTANT), 0L, 1);

        List<double[]> library = new ArrayList<>();
        List<double[]> reader = new ArrayList<>();
        List<double[]> spark = new ArrayList<>();
        double loadBefore = os.getSystemLoadAverage();
        for (int round = -1; round < ROUNDS; round++) { // round -1 warms up
            // 1. the library: Fixtures' records (what a runner's worker makes, JSON included), one thread
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Fixtures.Stream stream = Fixtures.of("transaction").seed(42).envelope(false).clock(clock)
                    .emulationId("bench").stream();
            long sink = 0;
            for (long seq = 0; seq < ROWS; seq++) {
                sink += stream.record(seq).json().length;
            }
            double[] lib = {ROWS / ((System.nanoTime() - t0) / 1e9),
                (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / ROWS};

            // 2. the partition reader alone (records into InternalRow), one thread
            cpu0 = threads.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            try (PartitionReader<InternalRow> rows = new RangeReaderFactory()
                    .createReader(new SeqRange(options, 0, ROWS))) {
                while (rows.next()) {
                    sink += rows.get().numFields();
                }
            }
            double[] rdr = {ROWS / ((System.nanoTime() - t0) / 1e9),
                (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / ROWS};

            // 3. Spark: df.write.format("noop") of CORES x ROWS rows in local[2]
            long sparkRows = (long) CORES * ROWS;
            long pcpu0 = os.getProcessCpuTime();
            t0 = System.nanoTime();
            EmulatorDataSourceTest.read("transaction", sparkRows, CORES * 2).write().format("noop")
                    .mode("overwrite").save();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double[] spk = {sparkRows / seconds / CORES, (os.getProcessCpuTime() - pcpu0) / 1e3 / sparkRows};
            if (round >= 0) {
                library.add(lib);
                reader.add(rdr);
                spark.add(spk);
            }
            if (sink == 42) {
                System.out.println();
            }
        }
        double libRate = median(library, 0);
        double sparkRate = median(spark, 0);
        String report = String.format(Locale.ROOT, String.join("%n",
                "Spark source benchmark: transaction, %d rows per one-thread round, %d x that in Spark local[%d], "
                        + "%d rounds (medians), load average %.1f before / %.1f after",
                "library, one thread (Fixtures, JSON included): %,.0f rows/s, %.2f us CPU/row",
                "partition reader, one thread (InternalRow, no Spark): %,.0f rows/s, %.2f us CPU/row",
                "Spark noop write, per core: %,.0f rows/s, %.2f us process CPU/row",
                "ratio Spark per core / library one thread: %.2f",
                ""), ROWS, CORES, CORES, ROUNDS, loadBefore, os.getSystemLoadAverage(),
                libRate, median(library, 1), median(reader, 0), median(reader, 1), sparkRate, median(spark, 1),
                sparkRate / libRate);
        System.out.print(report);
        Files.writeString(Path.of("target", "spark-benchmark.txt"), report);
    }

    private static double median(List<double[]> samples, int index) {
        double[] values = samples.stream().mapToDouble(s -> s[index]).toArray();
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
