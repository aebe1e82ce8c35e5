package dev.dataemulator.examples;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code emulator run}: one emulation over the whole spec, with progress and a summary. */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Runs one emulation into Kafka, S3 / MinIO or memory and prints a summary. "
                + "Exit code 0 when it completes, 1 when it fails, 2 on bad input.")
final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Servers.Options servers;

    @Option(names = {"-d", "--domain"}, defaultValue = "transaction",
            description = "Domain: transaction, user-profile or device-log.")
    String domain;

    @Option(names = {"-s", "--sink"}, defaultValue = "kafka", description = "Sink: kafka, minio or memory.")
    String sink;

    @Option(names = {"-c", "--sink-config"}, paramLabel = "KEY=VALUE",
            description = "A sink setting, repeatable (any kafka-clients producer key for kafka; the minio "
                    + "settings for minio).")
    Map<String, String> sinkConfig = new LinkedHashMap<>();

    @Option(names = {"-t", "--threads"}, defaultValue = "5", description = "Worker threads.")
    int threads;

    @Option(names = "--duration", defaultValue = "10s",
            description = "How long to run: 30s, 500ms, 2m or PT30S (the seed's timeout).")
    Duration duration;

    @Option(names = {"-n", "--max-records"}, description = "Stop after exactly this many records (with --shard: "
            + "records 0..N-1 of the domain, of which this shard makes its share). Default: none.")
    Long maxRecords;

    @Option(names = {"-r", "--rate"}, description = "Global rate limit, records per second. Default: unlimited.")
    Double rate;

    @Option(names = "--seed", description = "Seed for reproducible records. Default: random (printed).")
    Long seed;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Make shard I of N of the record stream (records I, I+N, I+2N, ...): runners on N machines "
                    + "with the same --seed and shards 0/N .. N-1/N together make the records of one runner. "
                    + "Default: 0/1.")
    String shard;

    @Option(names = "--resource", description = "Topic or bucket. Default: the domain's (e.g. transactions).")
    String resource;

    @Option(names = "--envelope", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Wrap records in {emulation_id, timestamp, data}. Default: on.")
    boolean envelope;

    @Option(names = "--format", description = "S3 object format: json, jsonl or csv (format_type). "
            + "Default: the sink's (jsonl).")
    String format;

    @Option(names = "--mode", description = "S3 mode: single, grouped or chunked (sync_type). "
            + "Default: the sink's (chunked).")
    String mode;

    @Option(names = "--chunk-size", description = "S3 chunk size in bytes, e.g. 5MiB (max_chunk_size). "
            + "Default: the sink's (5 MiB).")
    String chunkSize;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Servers started = new Servers(servers, false, out)) {
            Map<String, String> config = new LinkedHashMap<>();
            String where;
            switch (sink) {
                case "kafka" -> {
                    config.putAll(started.kafka());
                    where = "kafka " + config.get("bootstrap.servers");
                }
                case "minio" -> {
                    config.putAll(started.s3());
                    putIfSet(config, "format_type", format);
                    putIfSet(config, "sync_type", mode);
                    putIfSet(config, "max_chunk_size", chunkSize);
                    where = "s3 " + config.get("endpoint");
                }
                default -> where = sink;
            }
            config.putAll(sinkConfig);

            EmulationSpec.Builder builder = EmulationSpec.builder().domain(domain).sink(sink, config)
                    .threads(threads).duration(duration).envelope(envelope);
            if (maxRecords != null) {
                builder.maxRecords(maxRecords);
            }
            if (rate != null) {
                builder.ratePerSecond(rate);
            }
            if (seed != null) {
                builder.seed(seed);
            }
            if (resource != null) {
                builder.resource(resource);
            }
            if (shard != null) {
                String[] parts = shard.split("/", -1);
                try {
                    builder.shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                } catch (RuntimeException e) {
                    throw new dev.dataemulator.core.InvalidSettingException("shard", shard,
                            "expected I/N, e.g. 0/3, with 0 <= I < N");
                }
            }
            EmulationSpec emulationSpec = builder.build();

            Emulation emulation = EmulationRunner.start(emulationSpec);
            Thread hook = new Thread(emulation::stop, "emulator-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            EmulationReport report;
            try (Progress progress = new Progress(out, Progress.isTerminal(), List.of(emulation))) {
                report = emulation.awaitCompletion(duration.plus(Duration.ofMinutes(5)));
            } finally {
                emulation.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting: the hook has run
                }
            }
            Summary.print(out, report, where + " '" + emulationSpec.targetResource() + "'");
            return report.status() == EmulationStatus.FAILED ? EmulatorCli.FAILED : 0;
        }
    }

    private static void putIfSet(Map<String, String> config, String key, String value) {
        if (value != null) {
            config.put(key, value);
        }
    }
}
