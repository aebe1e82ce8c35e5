package dev.dataemulator.benchmarks;

import dev.dataemulator.benchmarks.internal.Args;
import dev.dataemulator.benchmarks.internal.Report;
import dev.dataemulator.benchmarks.internal.ServerProcess;
import dev.dataemulator.core.BatchEncoder;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.RecordFormat;
import dev.dataemulator.minio.MinioStore;
import dev.dataemulator.testkit.EmbeddedS3;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * S3 end to end: raw {@code MinioClient.putObject} of pre-made objects of the chunk size against the emulator's
 * chunked mode with the same object size and upload concurrency, on one S3 server (S3Proxy, filesystem backend in a
 * temporary directory) in its own JVM ({@link ServerProcess}), so that the server does not share this JVM's heap and
 * safepoints with the contenders. Both use the sink's HTTP client settings ({@link MinioStore#httpClientBuilder}). Rounds
 * alternate which goes first, into fresh buckets; the objects are deleted after each run. Rates in MiB/s of object
 * bytes.
 *
 * <pre>
 * java -cp emulator-benchmarks/target/benchmarks.jar dev.dataemulator.benchmarks.S3EndToEnd \
 *     --mib 256 --rounds 5 --chunk 5MiB --concurrency 4
 * </pre>
 */
public final class S3EndToEnd {
    private static final long MIB = 1L << 20;
    private static final long MIN_PART = 5 * MIB;

    private S3EndToEnd() {
    }

    /**
     * @param argv {@code --mib N} (object bytes per run), {@code --rounds N}, {@code --chunk SIZE}
     *     ({@code max_chunk_size}), {@code --concurrency N} ({@code upload_concurrency}), {@code --threads N}
     *     (emulator workers), {@code --format jsonl|json|csv}, {@code --warmup-rounds N}
     * @throws Exception when a run fails
     */
    public static void main(String[] argv) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("mib", "50");
        defaults.put("rounds", "3");
        defaults.put("warmup-rounds", "1");
        defaults.put("chunk", "5MiB");
        defaults.put("concurrency", "4");
        defaults.put("threads", "1");
        defaults.put("format", "jsonl");
        Args args = new Args(argv, defaults);
        long chunk = args.size("chunk");
        int concurrency = (int) args.number("concurrency");
        RecordFormat format = RecordFormat.valueOf(args.string("format").toUpperCase(Locale.ROOT));
        int objects = (int) Math.max(1, (args.number("mib") * MIB + chunk - 1) / chunk);

        System.out.println(Report.machine());
        System.out.println("options: " + args);
        try (ServerProcess s3 = ServerProcess.start("s3", List.of())) {
            MinioClient client = MinioClient.builder()
                    .endpoint(s3.address())
                    .credentials(EmbeddedS3.DEFAULT_ACCESS_KEY, EmbeddedS3.DEFAULT_SECRET_KEY)
                    .httpClient(MinioStore.httpClientBuilder(Duration.ofSeconds(10), Duration.ofSeconds(60))
                            .build())
                    .build();
            List<byte[]> bodies = premade(format, chunk, Math.min(objects, 4));
            long recordsPerObject = recordsPerObject(format, chunk);
            System.out.println(Report.format("server %s; %d objects of %.2f MiB per run (%d records each)",
                    s3.address(), objects, bodies.get(0).length / (double) MIB, recordsPerObject));
            Bench bench = new Bench(s3.address(), client, bodies, objects, recordsPerObject * objects, chunk,
                    concurrency,
                    (int) args.number("threads"), args.string("format"));

            for (int round = 1; round <= args.number("warmup-rounds"); round++) {
                System.out.println("warm-up round " + round + " (not reported)");
                bench.raw("warmup-raw-" + round);
                bench.emulator("warmup-emu-" + round);
            }
            List<Double> raw = new ArrayList<>();
            List<Double> emu = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> rawCpu = new ArrayList<>();
            List<Double> emuCpu = new ArrayList<>();
            for (int round = 1; round <= args.number("rounds"); round++) {
                Run r;
                Run e;
                if (round % 2 == 1) {
                    r = bench.raw("raw-" + round);
                    e = bench.emulator("emu-" + round);
                } else {
                    e = bench.emulator("emu-" + round);
                    r = bench.raw("raw-" + round);
                }
                raw.add(r.mibPerSecond());
                emu.add(e.mibPerSecond());
                ratios.add(e.mibPerSecond() / r.mibPerSecond());
                rawCpu.add(r.cpuMillisPerMib());
                emuCpu.add(e.cpuMillisPerMib());
                System.out.println(Report.format("round %d: raw putObject %.1f MiB/s %.2f ms CPU/MiB, emulator %.1f "
                        + "MiB/s %.2f ms CPU/MiB, ratio %.3f (load %s)", round, r.mibPerSecond(),
                        r.cpuMillisPerMib(), e.mibPerSecond(), e.cpuMillisPerMib(),
                        e.mibPerSecond() / r.mibPerSecond(), Report.loadAverage()));
            }
            System.out.println("raw putObject MiB/s:     " + Report.spread(raw, "%.1f") + ", CPU ms/MiB "
                    + Report.spread(rawCpu, "%.2f"));
            System.out.println("emulator MiB/s:          " + Report.spread(emu, "%.1f") + ", CPU ms/MiB "
                    + Report.spread(emuCpu, "%.2f"));
            System.out.println("ratio emulator/raw:      " + Report.spread(ratios, "%.3f") + " (target >= 0.9)");
        }
        System.exit(0);
    }

    /**
     * One run: MiB/s of object bytes, and this process's CPU time per MiB (the client side: the server runs in its
     * own JVM).
     */
    record Run(double mibPerSecond, double cpuMillisPerMib) {
    }

    /** Objects encoded exactly as the sink's chunks: records until the chunk size is reached. */
    private static List<byte[]> premade(RecordFormat format, long chunk, int count) {
        Fixtures.Stream stream = Fixtures.of("transaction").seed(3).emulationId("premade").stream();
        List<byte[]> bodies = new ArrayList<>();
        long seq = 0;
        for (int i = 0; i < count; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) chunk + 4096);
            BatchEncoder encoder = new BatchEncoder(format, out);
            while (encoder.bytes() < chunk) {
                encoder.add(stream.record(seq++));
            }
            encoder.finish();
            bodies.add(out.toByteArray());
        }
        return bodies;
    }

    private static long recordsPerObject(RecordFormat format, long chunk) {
        Fixtures.Stream stream = Fixtures.of("transaction").seed(3).emulationId("premade").stream();
        BatchEncoder encoder = new BatchEncoder(format, ByteArrayOutputStream.nullOutputStream());
        long seq = 0;
        while (encoder.bytes() < chunk) {
            encoder.add(stream.record(seq++));
        }
        return encoder.records();
    }

    private static final class Bench {
        private final String endpoint;
        private final MinioClient client;
        private final List<byte[]> bodies;
        private final int objects;
        private final long records;
        private final long chunk;
        private final int concurrency;
        private final int threads;
        private final String format;

        Bench(String endpoint, MinioClient client, List<byte[]> bodies, int objects, long records, long chunk,
                int concurrency, int threads, String format) {
            this.endpoint = endpoint;
            this.client = client;
            this.bodies = bodies;
            this.objects = objects;
            this.records = records;
            this.chunk = chunk;
            this.concurrency = concurrency;
            this.threads = threads;
            this.format = format;
        }

        /** Uploads the pre-made objects with {@code concurrency} threads. */
        Run raw(String bucket) throws Exception {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try {
                Report.CpuMark mark = Report.CpuMark.now();
                long start = System.nanoTime();
                List<Future<?>> uploads = new ArrayList<>();
                for (int i = 0; i < objects; i++) {
                    byte[] body = bodies.get(i % bodies.size());
                    String key = Report.format("raw/part-%06d", i);
                    uploads.add(pool.submit(() -> {
                        client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                                .stream(new ByteArrayInputStream(body), body.length,
                                        Math.max(MIN_PART, body.length))
                                .contentType("application/octet-stream").build());
                        return null;
                    }));
                }
                for (Future<?> upload : uploads) {
                    upload.get();
                }
                long nanos = System.nanoTime() - start;
                long cpu = Report.processCpuNanos() - mark.cpuNanos();
                long bytes = cleanUp(bucket, objects);
                return new Run(bytes / (double) MIB / (nanos / 1e9), cpu / 1e6 / (bytes / (double) MIB));
            } finally {
                pool.shutdownNow();
            }
        }

        /** Runs the emulator in chunked mode for the same number of records; MiB/s of object bytes. */
        Run emulator(String bucket) throws Exception {
            Map<String, String> sink = new LinkedHashMap<>();
            sink.put("endpoint", endpoint);
            sink.put("access_key", EmbeddedS3.DEFAULT_ACCESS_KEY);
            sink.put("secret_key", EmbeddedS3.DEFAULT_SECRET_KEY);
            sink.put("sync_type", "chunked");
            sink.put("format_type", format);
            sink.put("max_chunk_size", Long.toString(chunk));
            sink.put("upload_concurrency", Integer.toString(concurrency));
            Report.CpuMark mark = Report.CpuMark.now();
            EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                    .domain("transaction")
                    .sink("minio", sink)
                    .resource(bucket)
                    .threads(threads)
                    .maxRecords(records)
                    .seed(11)
                    .build());
            if (report.stats().delivered() != records || report.failure().isPresent()) {
                throw new IllegalStateException("emulator run " + bucket + " did not deliver every record: "
                        + report.stats() + " " + report.failure().map(Throwable::toString).orElse(""));
            }
            long cpu = Report.processCpuNanos() - mark.cpuNanos();
            long bytes = cleanUp(bucket, -1);
            return new Run(bytes / (double) MIB / (report.stats().elapsed().toNanos() / 1e9),
                    cpu / 1e6 / (bytes / (double) MIB));
        }

        /** Lists the bucket (checking the object count when given), deletes its objects, returns their bytes. */
        private long cleanUp(String bucket, int expectedObjects) throws Exception {
            long bytes = 0;
            List<DeleteObject> keys = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true)
                    .build())) {
                Item item = result.get();
                bytes += item.size();
                keys.add(new DeleteObject(item.objectName()));
            }
            if (expectedObjects >= 0 && keys.size() != expectedObjects) {
                throw new IllegalStateException("bucket " + bucket + " holds " + keys.size() + " objects, expected "
                        + expectedObjects);
            }
            for (Result<DeleteError> error : client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket)
                    .objects(keys).build())) {
                error.get();
            }
            return bytes;
        }
    }
}
