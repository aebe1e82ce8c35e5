package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.benchmarks.internal.Soak;
import dev.dataemulator.benchmarks.internal.TypedOrders;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.testkit.EmbeddedS3;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parquet against JSON Lines, chunked into one embedded S3 server (filesystem backend): the same typed domain
 * ({@link TypedOrders}), record count, threads, chunk size and upload concurrency; rounds alternate which format goes
 * first. Reports records/s and this process's CPU time per record (the S3 server runs in the same JVM, so both carry
 * its cost). With {@code --soak 3m} it instead runs Parquet chunked with {@code partition_by=h={created_at:HH}}
 * (24 partitions open at once) for that long and samples the heap after a GC every 10 s.
 *
 * <pre>
 * java -Xmx1g -cp emulator-benchmarks/target/benchmarks.jar dev.dataemulator.benchmarks.LakehouseEndToEnd \
 *     --records 300000 --rounds 3 --threads 2
 * java -Xmx512m -cp emulator-benchmarks/target/benchmarks.jar dev.dataemulator.benchmarks.LakehouseEndToEnd \
 *     --soak 3m --rate 20000
 * </pre>
 */
public final class LakehouseEndToEnd {

    private LakehouseEndToEnd() {
    }

    /**
     * @param argv {@code --records N}, {@code --rounds N}, {@code --threads N}, {@code --chunk SIZE}
     *     ({@code max_chunk_size}), {@code --concurrency N}, {@code --partition-by TEMPLATE} (both formats),
     *     {@code --dictionary auto|all|none} (Parquet's {@code dictionary} setting), or
     *     {@code --soak DURATION} with {@code --rate N} records/s
     * @throws Exception when a run fails
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("records", "300000");
        defaults.put("rounds", "3");
        defaults.put("threads", "2");
        defaults.put("chunk", "5MiB");
        defaults.put("concurrency", "4");
        defaults.put("partition-by", "");
        defaults.put("soak", "");
        defaults.put("rate", "20000");
        defaults.put("dictionary", "auto");
        Args args = new Args(argv, defaults);
        System.out.println(Report.machine());
        System.out.println("options: " + args);
        try (EmbeddedS3 s3 = EmbeddedS3.builder().filesystemBackend(null).start()) {
            MinioClient client = MinioClient.builder().endpoint(s3.endpoint())
                    .credentials(s3.accessKey(), s3.secretKey()).build();
            if (!args.string("soak").isEmpty()) {
                soak(s3, client, args);
            } else {
                compare(s3, client, args);
            }
        }
        System.exit(0);
    }

    private static Map<String, String> sink(EmbeddedS3 s3, Args args, String format, String partitionBy) {
        Map<String, String> sink = new LinkedHashMap<>();
        sink.put("endpoint", s3.endpoint());
        sink.put("access_key", s3.accessKey());
        sink.put("secret_key", s3.secretKey());
        sink.put("sync_type", "chunked");
        sink.put("format_type", format);
        sink.put("max_chunk_size", args.string("chunk"));
        sink.put("upload_concurrency", args.string("concurrency"));
        if (!partitionBy.isEmpty()) {
            sink.put("partition_by", partitionBy);
        }
        if (format.equals("parquet")) {
            sink.put("dictionary", args.string("dictionary"));
        }
        return sink;
    }

    private static EmulationSpec.Builder spec(Map<String, String> sink, String bucket, int threads) {
        return EmulationSpec.builder()
                .domain("typed-order")
                .registry(DomainRegistry.of(new TypedOrders()))
                .sink("minio", sink)
                .resource(bucket)
                .threads(threads)
                .envelope(false)
                .seed(11);
    }

    private static void compare(EmbeddedS3 s3, MinioClient client, Args args) throws Exception {
        long records = args.number("records");
        int threads = (int) args.number("threads");
        String partitionBy = args.string("partition-by");
        List<String> formats = List.of("jsonl", "parquet");
        System.out.println("warm-up (not reported)");
        for (String format : formats) {
            run(s3, client, args, format, "warmup-" + format, records / 2, threads, partitionBy);
        }
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> cpus = new LinkedHashMap<>();
        formats.forEach(f -> {
            rates.put(f, new ArrayList<>());
            cpus.put(f, new ArrayList<>());
        });
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= args.number("rounds"); round++) {
            List<String> order = round % 2 == 1 ? formats : List.of("parquet", "jsonl");
            Map<String, double[]> results = new LinkedHashMap<>();
            for (String format : order) {
                results.put(format, run(s3, client, args, format, format + "-" + round, records, threads,
                        partitionBy));
            }
            for (String format : formats) {
                rates.get(format).add(results.get(format)[0]);
                cpus.get(format).add(results.get(format)[1]);
            }
            double ratio = results.get("parquet")[0] / results.get("jsonl")[0];
            ratios.add(ratio);
            System.out.println(Report.format("round %d: jsonl %.0f records/s %.2f us CPU/record %.1f MiB; parquet "
                    + "%.0f records/s %.2f us %.1f MiB; parquet/jsonl %.3f (load %s)", round,
                    results.get("jsonl")[0], results.get("jsonl")[1], results.get("jsonl")[2],
                    results.get("parquet")[0], results.get("parquet")[1], results.get("parquet")[2], ratio,
                    Report.loadAverage()));
        }
        for (String format : formats) {
            System.out.println(Report.format("%-8s records/s %s, CPU us/record %s", format,
                    Report.spread(rates.get(format), "%.0f"), Report.spread(cpus.get(format), "%.2f")));
        }
        System.out.println("ratio parquet/jsonl records/s: " + Report.spread(ratios, "%.3f") + " (target >= 0.8)");
    }

    /** @return records/s, CPU us per record, MiB stored */
    private static double[] run(EmbeddedS3 s3, MinioClient client, Args args, String format, String bucket,
            long records, int threads, String partitionBy) throws Exception {
        long cpu = Report.processCpuNanos();
        EmulationReport report = EmulationRunner.run(spec(sink(s3, args, format, partitionBy), bucket, threads)
                .maxRecords(records).build());
        long cpuNanos = Report.processCpuNanos() - cpu;
        if (report.stats().delivered() != records || report.failure().isPresent()) {
            throw new IllegalStateException("run " + bucket + " did not deliver every record: " + report.stats()
                    + " " + report.failure().map(Throwable::toString).orElse(""));
        }
        long bytes = cleanUp(client, bucket);
        return new double[] {records / (report.stats().elapsed().toNanos() / 1e9), cpuNanos / 1e3 / records,
            bytes / (double) (1 << 20)};
    }

    private static void soak(EmbeddedS3 s3, MinioClient client, Args args) throws Exception {
        Duration duration = args.duration("soak");
        String partitionBy = "h={created_at:HH}";
        EmulationSpec spec = spec(sink(s3, args, "parquet", partitionBy), "soak", (int) args.number("threads"))
                .duration(duration).ratePerSecond(args.number("rate")).build();
        Soak.run(spec);
        System.out.println(Report.format("objects: %.1f MiB", cleanUp(client, "soak") / (double) (1 << 20)));
    }

    /** Deletes the bucket's objects; returns their bytes. */
    private static long cleanUp(MinioClient client, String bucket) throws Exception {
        long bytes = 0;
        List<DeleteObject> keys = new ArrayList<>();
        for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true)
                .build())) {
            Item item = result.get();
            bytes += item.size();
            keys.add(new DeleteObject(item.objectName()));
        }
        for (Result<DeleteError> error : client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket)
                .objects(keys).build())) {
            error.get();
        }
        return bytes;
    }
}
