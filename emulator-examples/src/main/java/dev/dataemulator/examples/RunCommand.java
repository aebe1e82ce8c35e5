package dev.dataemulator.examples;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.EventTimeOptions;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.RateCurve;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Servers.Options servers;

    @Option(names = {"-d", "--domain"}, defaultValue = "transaction",
            description = "Domain: transaction, user-profile or device-log.")
    String domain;

    @Option(names = {"-s", "--sink"}, defaultValue = "kafka",
            description = "Sink: kafka, minio, memory or stdout (JSON Lines on standard output, for pipes).")
    String sink;

    @Option(names = {"-c", "--sink-config"}, paramLabel = "KEY=VALUE",
            description = "A sink setting, repeatable (any kafka-clients producer key for kafka; the minio "
                    + "settings for minio).")
    Map<String, String> sinkConfig = new LinkedHashMap<>();

    @Option(names = {"-t", "--threads"}, defaultValue = "5", description = "Worker threads.")
    int threads;

    @Option(names = "--duration",
            description = "How long to run: 30s, 500ms, 2m, PT30S, or a bare number of seconds (the original "
                    + "service's timeout). Default: 10s, or until --max-records when that is given.")
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

    @Option(names = "--domain-file", paramLabel = "FILE", description = "A declarative domain definition (YAML or "
            + "JSON, format of emulator-declarative); its domains join the bundled ones: choose one with --domain.")
    Path domainFile;

    @Option(names = "--domain-option", paramLabel = "KEY=VALUE",
            description = "A domain option, repeatable (e.g. user_id_max=20000 for user-profile).")
    Map<String, String> domainOptions = new LinkedHashMap<>();

    @Option(names = "--resource", description = "Topic or bucket. Default: the domain's (e.g. transactions).")
    String resource;

    @Option(names = "--envelope", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Wrap records in {emulation_id, timestamp, data}. Default: on.")
    boolean envelope;

    @Option(names = "--format", description = "Record format of the minio and stdout sinks: json, jsonl or csv "
            + "(format_type). Default: the sink's (jsonl).")
    String format;

    @Option(names = "--mode", description = "minio sink only: S3 mode: single, grouped or chunked (sync_type). "
            + "Default: the sink's (chunked).")
    String mode;

    @Option(names = "--chunk-size", description = "minio sink only: S3 chunk size in bytes, e.g. 5MiB (max_chunk_size). "
            + "Default: the sink's (5 MiB).")
    String chunkSize;

    @Option(names = "--backfill", paramLabel = "FROM..TO",
            description = "Backfill event time: records as fast as the sink takes them, their event times spread over "
                    + "[FROM, TO) (ISO-8601 instants) following --hourly, ending at TO; --rate is then the average in "
                    + "records per event second (required). FROM.. (no TO) with --speed: an accelerated clock from FROM.")
    String backfill;

    @Option(names = "--speed", description = "Accelerated event time: the virtual clock runs SPEED times faster than "
            + "the wall clock (60: a day in 24 minutes), from FROM of --backfill FROM.. or else from now; paced; "
            + "--rate is the average in records per event second (required).")
    Double speed;

    @Option(names = "--hourly", paramLabel = "w0,...,w23", split = ",",
            description = "Rate curve: 24 relative weights per hour of the day (UTC), averaging --rate.")
    double[] hourly;

    @Option(names = "--late", paramLabel = "FRACTION:MAX",
            description = "Late records: that fraction (0..1) of records has an event time up to MAX (e.g. 10m) "
                    + "earlier than planned, out of order. Default: none.")
    String late;

    /** The default duration when neither {@code --duration} nor {@code --max-records} is given. */
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

    @Override
    public Integer call() {
        checkOptionsApplyTo(sink);
        // with --sink stdout the records own standard output: progress and summary go to standard error
        PrintWriter out = sink.equals("stdout") ? spec.commandLine().getErr() : spec.commandLine().getOut();
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
                case "stdout" -> {
                    putIfSet(config, "format_type", format);
                    where = "stdout";
                }
                default -> where = sink;
            }
            config.putAll(sinkConfig);

            EmulationSpec.Builder builder = EmulationSpec.builder().domain(domain).sink(sink, config)
                    .threads(threads).envelope(envelope);
            boolean ends = endsByItself(applyEventTime(builder));
            DomainRegistry fileDomains = domains(DomainFiles.registry(domainFile));
            if (fileDomains != null) {
                builder.registry(fileDomains);
            }
            if (duration != null) {
                builder.duration(duration);
            } else if (maxRecords == null && !ends) {
                builder.duration(DEFAULT_DURATION);
            }
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
            domainOptions.forEach(builder::domainOption);
            if (shard != null) {
                String[] parts = shard.split("/", -1);
                try {
                    builder.shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                } catch (RuntimeException e) {
                    throw new InvalidSettingException("shard", shard, "expected I/N, e.g. 0/3, with 0 <= I < N");
                }
            }
            EmulationSpec emulationSpec = builder.build();
            String destination = where + " '" + emulationSpec.targetResource() + "'";

            Emulation emulation = EmulationRunner.start(emulationSpec);
            out.printf("Connecting to %s and setting up '%s' (Ctrl-C stops, flushes and prints a summary)%n", where,
                    emulationSpec.targetResource());
            out.flush();
            // SIGTERM: stop and flush (bounded by the close timeout) before the JVM exits
            Thread hook = new Thread(emulation::close, "emulator-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            EmulationReport report;
            try (Interrupts interrupts = Interrupts.onInterrupt(() -> {
                        out.println();
                        out.println("Stopping: flushing what was produced (Ctrl-C again to exit at once)");
                        out.flush();
                        emulation.stop();
                    });
                    Progress progress = new Progress(out, Progress.isTerminal(), Map.of(emulation, where))) {
                report = emulation.awaitCompletion(emulationSpec.duration().orElse(LONGEST_RUN)
                        .plus(Duration.ofMinutes(5)));
            } finally {
                emulation.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting: the hook has run
                }
            }
            Summary.print(out, emulationSpec, report, destination);
            return report.status() == EmulationStatus.FAILED ? EmulatorCli.FAILED : 0;
        }
    }

    /**
     * @param fileDomains the discovered domains plus those of {@code --domain-file}, or null (the spec discovers)
     * @return the domains to run, null to discover
     */
    DomainRegistry domains(DomainRegistry fileDomains) {
        return fileDomains;
    }

    /**
     * @param backfillEnds whether event time has an end
     * @return whether the run ends by itself, so that it needs no default duration
     */
    boolean endsByItself(boolean backfillEnds) {
        return backfillEnds;
    }

    /**
     * Maps --backfill, --speed, --hourly and --late onto the spec.
     *
     * @return whether event time ends the run by itself (a backfill with an end)
     */
    private boolean applyEventTime(EmulationSpec.Builder builder) {
        boolean ends = false;
        if (speed != null && !(speed > 0 && Double.isFinite(speed))) {
            throw new InvalidSettingException("--speed", speed,
                    "must be a positive, finite factor (event seconds per wall-clock second)");
        }
        if (backfill != null) {
            int dots = backfill.indexOf("..");
            if (dots < 0) {
                throw new InvalidSettingException("--backfill", backfill,
                        "expected FROM..TO, e.g. 2026-01-01T00:00:00Z..2026-01-02T00:00:00Z (or FROM.. with --speed)");
            }
            String toText = backfill.substring(dots + 2).trim();
            if (speed != null) {
                if (!toText.isEmpty()) {
                    throw new InvalidSettingException("--backfill", backfill,
                            "with --speed give only the start, FROM.. (an accelerated clock has no end)");
                }
                builder.eventTime(EventTime.accelerated(instant("--backfill", backfill.substring(0, dots).trim()),
                        speed));
            } else if (toText.isEmpty()) {
                throw new InvalidSettingException("--backfill", backfill,
                        "expected FROM..TO; FROM.. without TO needs --speed (an accelerated clock)");
            } else {
                builder.eventTime(EventTimeOptions.backfill("--backfill", backfill));
                ends = true;
            }
        } else if (speed != null) {
            builder.eventTime(EventTime.accelerated(Instant.now(), speed));
        }
        if (hourly != null) {
            builder.rateCurve(RateCurve.hourly(hourly));
        }
        if (late != null) {
            EventTimeOptions.Lateness lateness = EventTimeOptions.lateness("--late", late);
            builder.lateness(lateness.fraction(), lateness.max());
        }
        return ends;
    }

    private static Instant instant(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            throw new InvalidSettingException(option, text, "expected an ISO-8601 instant, e.g. 2026-01-01T00:00:00Z");
        }
    }

    /** How long a run without a duration is awaited: in effect, until it ends by count, exhaustion or Ctrl-C. */
    private static final Duration LONGEST_RUN = Duration.ofDays(365L * 100);

    /** An option that does not apply to the chosen sink is an error, never silently ignored. */
    private void checkOptionsApplyTo(String sinkName) {
        List<InvalidSettingException.Violation> violations = new ArrayList<>();
        boolean minio = sinkName.equals("minio");
        if (format != null && !minio && !sinkName.equals("stdout")) {
            violations.add(new InvalidSettingException.Violation("--format", format,
                    "applies to --sink minio or stdout, not " + sinkName));
        }
        if (mode != null && !minio) {
            violations.add(new InvalidSettingException.Violation("--mode", mode,
                    "applies to --sink minio, not " + sinkName));
        }
        if (chunkSize != null && !minio) {
            violations.add(new InvalidSettingException.Violation("--chunk-size", chunkSize,
                    "applies to --sink minio, not " + sinkName));
        }
        if (!violations.isEmpty()) {
            throw new InvalidSettingException(violations);
        }
    }

    private static void putIfSet(Map<String, String> config, String key, String value) {
        if (value != null) {
            config.put(key, value);
        }
    }
}
