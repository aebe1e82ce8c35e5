package dev.dataemulator.parquet;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The emulations of {@link ObjectSinkKillResumeIT}: chunked JSONL and Parquet into the {@code file} and the
 * {@code minio} sink, all four resumable, run side by side. As a program (the child JVM the test kills) it runs them
 * rate-limited: {@code java ... ResumingObjectWriter <directory> <endpoint> <access key> <secret key> <bucket>}.
 */
final class ResumingObjectWriter {
    static final long RECORDS = 12_000;
    /** Records per second of the killed runs and of their resume (a resume keeps the rate): about 8 s a run. */
    static final long RATE = 1_500;
    static final int THREADS = 3;
    static final List<String> SINKS = List.of("file", "minio");
    static final List<String> FORMATS = List.of("jsonl", "parquet");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);

    private ResumingObjectWriter() {
    }

    /** @return the emulation id of a sink and format */
    static String id(String sink, String format) {
        return "resume-" + sink + "-" + format;
    }

    /**
     * @param target the directory of the {@code file} sink, or the S3 endpoint, credentials and bucket
     * @param rate records per second, 0 for unlimited
     * @return the spec of one of the four emulations
     */
    static EmulationSpec spec(String sink, String format, Map<String, String> target, long rate) {
        Map<String, String> config = new HashMap<>(target);
        config.put("sync_type", "chunked");
        config.put("format_type", format);
        config.put("max_chunk_size", format.equals("parquet") ? "64KiB" : "16KiB");
        if (format.equals("parquet")) {
            config.put("row_group_size", "64KiB");
        }
        EmulationSpec.Builder spec = EmulationSpec.builder().domain("order").registry(DomainRegistry.of(
                new OrderDomain())).resource("orders").envelope(false).sink(sink, config).threads(THREADS)
                .maxRecords(RECORDS).seed(7).clock(CLOCK).id(id(sink, format)).resume(true);
        if (rate > 0) {
            spec.ratePerSecond(rate);
        }
        return spec.build();
    }

    /** @return a sink's own settings: the {@code file} sink's directory, or the S3 endpoint, credentials and prefix */
    static Map<String, String> target(String sink, String directory, String endpoint, String accessKey,
            String secretKey, String prefix) {
        return sink.equals("file") ? Map.of("path", directory)
                : Map.of("endpoint", endpoint, "access_key", accessKey, "secret_key", secretKey, "prefix", prefix);
    }

    /** Runs the four emulations side by side and returns their reports. */
    static List<EmulationReport> runAll(String directory, String endpoint, String accessKey, String secretKey,
            String prefix, long rate) {
        List<CompletableFuture<EmulationReport>> runs = new ArrayList<>();
        for (String sink : SINKS) {
            for (String format : FORMATS) {
                EmulationSpec spec = spec(sink, format, target(sink, directory, endpoint, accessKey, secretKey, prefix), rate);
                runs.add(CompletableFuture.supplyAsync(() -> EmulationRunner.run(spec)));
            }
        }
        return runs.stream().map(CompletableFuture::join).toList();
    }

    public static void main(String[] args) {
        runAll(args[0], args[1], args[2], args[3], "", RATE);
    }
}
