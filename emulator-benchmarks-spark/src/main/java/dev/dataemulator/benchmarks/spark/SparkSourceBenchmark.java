package dev.dataemulator.benchmarks.spark;

import dev.dataemulator.core.Fixtures;
import dev.dataemulator.spark.EmulatorDataSource;
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
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Throughput of the Spark source against the library's own generation, in one JVM with alternating rounds: the
 * library on one thread ({@code Fixtures}, JSON included), the source's partition reader on one thread (records into
 * {@code InternalRow}, no Spark scheduling; reached through Spark's connector API, as Spark reaches it), and a
 * {@code noop} write through Spark {@code local[2]}. Run (figures go to stdout and
 * {@code emulator-benchmarks-spark/target/spark-benchmark.txt}):
 *
 * <pre>
 * ./mvnw -B -pl emulator-benchmarks-spark -am -DskipTests compile exec:exec -Dexec.executable=java \
 *     -Dbench.rows=1000000 -Dbench.rounds=5
 * </pre>
 */
public final class SparkSourceBenchmark {
    static final String INSTANT = "2026-01-01T00:00:00Z";
    static final int ROWS = Integer.getInteger("bench.rows", 200_000);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    static final int CORES = 2; // local[2]

    private SparkSourceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[" + CORES + "]").appName("emulator-spark-benchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            run(spark);
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Clock clock = Clock.fixed(Instant.parse(INSTANT), ZoneOffset.UTC);

        List<double[]> library = new ArrayList<>();
        List<double[]> reader = new ArrayList<>();
        List<double[]> sparkRounds = new ArrayList<>();
        double loadBefore = os.getSystemLoadAverage();
        long sink = 0;
        for (int round = -1; round < ROUNDS; round++) { // round -1 warms up
            // 1. the library: Fixtures' records (what a runner's worker makes, JSON included), one thread
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Fixtures.Stream stream = Fixtures.of("transaction").seed(42).envelope(false).clock(clock)
                    .emulationId("bench").stream();
            for (long seq = 0; seq < ROWS; seq++) {
                sink += stream.record(seq).json().length;
            }
            double[] lib = {ROWS / ((System.nanoTime() - t0) / 1e9),
                (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / ROWS};

            // 2. the partition reader alone (records into InternalRow), one thread, one partition of ROWS rows
            cpu0 = threads.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            Batch batch = batch(Map.of("domain", "transaction", "seed", "42", "rows", Integer.toString(ROWS),
                    "partitions", "1", "clock.instant", INSTANT));
            for (InputPartition partition : batch.planInputPartitions()) {
                try (PartitionReader<InternalRow> rows = batch.createReaderFactory().createReader(partition)) {
                    while (rows.next()) {
                        sink += rows.get().numFields();
                    }
                }
            }
            double[] rdr = {ROWS / ((System.nanoTime() - t0) / 1e9),
                (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / ROWS};

            // 3. Spark: df.write.format("noop") of CORES x ROWS rows in local[CORES]
            long sparkRows = (long) CORES * ROWS;
            long pcpu0 = os.getProcessCpuTime();
            t0 = System.nanoTime();
            spark.read().format(EmulatorDataSource.SHORT_NAME).option("domain", "transaction")
                    .option("rows", sparkRows).option("seed", 42).option("partitions", CORES * 2)
                    .option("clock.instant", INSTANT).load()
                    .write().format("noop").mode("overwrite").save();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double[] spk = {sparkRows / seconds / CORES, (os.getProcessCpuTime() - pcpu0) / 1e3 / sparkRows};
            if (round >= 0) {
                library.add(lib);
                reader.add(rdr);
                sparkRounds.add(spk);
            }
        }
        double libRate = median(library, 0);
        double sparkRate = median(sparkRounds, 0);
        String report = String.format(Locale.ROOT, String.join("%n",
                "Spark source benchmark: transaction, %d rows per one-thread round, %d x that in Spark local[%d], "
                        + "%d rounds (medians), load average %.1f before / %.1f after",
                "library, one thread (Fixtures, JSON included): %,.0f rows/s, %.2f us CPU/row",
                "partition reader, one thread (InternalRow, no Spark): %,.0f rows/s, %.2f us CPU/row",
                "Spark noop write, per core: %,.0f rows/s, %.2f us process CPU/row",
                "ratio Spark per core / library one thread: %.2f",
                "(checksum %d)", ""), ROWS, CORES, CORES, ROUNDS, loadBefore, os.getSystemLoadAverage(),
                libRate, median(library, 1), median(reader, 0), median(reader, 1), sparkRate,
                median(sparkRounds, 1), sparkRate / libRate, sink);
        System.out.print(report);
        Path out = Path.of("target", "spark-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /** @return the source's batch scan for {@code options}, through the connector API Spark itself calls */
    private static Batch batch(Map<String, String> options) {
        CaseInsensitiveStringMap map = new CaseInsensitiveStringMap(options);
        EmulatorDataSource source = new EmulatorDataSource();
        SupportsRead table = (SupportsRead) source.getTable(source.inferSchema(map), new Transform[0], options);
        return table.newScanBuilder(map).build().toBatch();
    }

    private static double median(List<double[]> samples, int index) {
        double[] values = samples.stream().mapToDouble(s -> s[index]).toArray();
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
