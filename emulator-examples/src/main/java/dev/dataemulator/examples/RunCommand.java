package dev.dataemulator.examples;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SettingAliases;
import dev.dataemulator.core.SinkRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code emulator run}: one emulation over the whole spec, with progress and a summary. */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Runs one emulation into Kafka, S3 / MinIO, files, memory or stdout and prints a summary. "
                + "Exit code 0 when it completes, 1 when it fails, 2 on bad input.")
class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Servers.Options servers;

    @Option(names = {"-d", "--domain"},
            description = "Domain: transaction, user-profile, device-log or one of --domain-file; several, "
                    + "comma-separated (customers,accounts), run as one emulation: one seed and id, each domain to its "
                    + "own resource, a summary per domain. Default: transaction, or every domain of --domain-file.")
    String domain;

    @Option(names = {"-s", "--sink"}, defaultValue = "kafka", completionCandidates = SinkNames.class,
            description = "Sink, one of the sinks found: ${COMPLETION-CANDIDATES} (stdout: JSON Lines on standard "
                    + "output, for pipes).")
    String sink;

    @Option(names = {"-c", "--sink-config"}, paramLabel = "KEY=VALUE",
            description = "A sink setting, repeatable (any kafka-clients producer key for kafka; the object sinks' "
                    + "settings for minio and file; url, user, password, write_mode... for jdbc). A server given here "
                    + "(bootstrap.servers, endpoint, url) counts as if given by its flag.")
    Map<String, String> sinkConfig = new LinkedHashMap<>();

    @Option(names = {"-t", "--threads"}, defaultValue = "5", description = "Worker threads (5, as the HTTP service: "
            + "a load tool saturates a sink out of the box; the library's default is 1).")
    String threads;

    @Option(names = "--duration",
            description = "How long to run: 30s, 500ms, 2m, 1h, 1d, PT30S, or a bare number of seconds (timeout in "
                    + "the Python service this library replaces). Default: 10s, or until --max-records when that is given.")
    String duration;

    @Option(names = {"-n", "--max-records"}, paramLabel = "N|DOMAIN=N[,...]",
            description = "Stop after exactly this many records (with --shard: records 0..N-1 of the domain, of which "
                    + "this shard makes its share). Per domain: card_payments=200000, several comma-separated; with "
                    + "several domains a bare N applies to each domain without a count of its own (a definition's "
                    + "count) and not named. Default: none.")
    String maxRecords;

    @Option(names = {"-r", "--rate"}, description = "Global rate limit, records per second. Default: unlimited.")
    String rate;

    @Option(names = "--seed", description = "Seed for reproducible records. Default: random (printed).")
    String seed;

    @Option(names = "--id", description = "The emulation id written into every envelope (letters, digits, . _ -). "
            + "Default: a random UUID.")
    String id;

    @Option(names = "--resume", description = "Make the run resumable (needs --id): the sink keeps each worker lane's "
            + "durable progress, and the same command run again after a crash continues where the sink says it "
            + "stopped, ending with the records of one uninterrupted run; with nothing to resume it starts afresh. "
            + "Without --seed the seed is derived from the id. Other settings than the first run's are refused.")
    boolean resume;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Make shard I of N of the record stream (records I, I+N, I+2N, ...): runners on N machines "
                    + "with the same --seed and shards 0/N .. N-1/N together make the records of one runner. "
                    + "Default: 0/1.")
    String shard;

    @Mixin
    DomainFiles domainFile;

    @Option(names = "--domain-option", paramLabel = "KEY=VALUE",
            description = "A domain option, repeatable (e.g. user_id_max=20000 for user-profile).")
    Map<String, String> domainOptions = new LinkedHashMap<>();

    @Option(names = "--fault", paramLabel = "KEY=VALUE",
            description = "A labelled fault, repeatable (e.g. duplicate=0.01, null.rate=0.005, null.fields=amount); "
                    + "see docs/FAULTS.md.")
    Map<String, String> faults = new LinkedHashMap<>();

    @Option(names = "--fault-labels", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With --fault: also send each damaged record's label, as a JSON line, to the resource "
                    + "RESOURCE_faults (fault_labels). Default: on.")
    boolean faultLabels;

    @Option(names = "--resource", description = "Topic or bucket. Default: the domain's (e.g. transactions).")
    String resource;

    @Option(names = "--envelope", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Wrap records in {emulation_id, timestamp, data}. Default: on.")
    boolean envelope;

    @Option(names = "--format", description = "Record format of the object sinks (minio, file) and stdout: json, "
            + "jsonl, csv, or a format found such as parquet or avro (format_type). Default: the sink's (jsonl).")
    String format;

    @Option(names = "--mode", description = "Object sinks (minio, file): single, grouped or chunked (sync_type). "
            + "Default: the sink's (chunked).")
    String mode;

    @Option(names = "--chunk-size", description = "Object sinks (minio, file): chunk size in bytes, e.g. 5MiB "
            + "(max_chunk_size). Default: the sink's (5 MiB; 64 MiB for parquet and avro).")
    String chunkSize;

    @Option(names = "--backfill", paramLabel = "FROM..TO",
            description = "Backfill event time: records as fast as the sink takes them, their event times spread over "
                    + "[FROM, TO) (ISO-8601 instants) following --hourly, ending at TO; --rate is then the average in "
                    + "records per event second (required). FROM.. (no TO) with --speed: an accelerated clock from FROM.")
    String backfill;

    @Option(names = "--speed", description = "Accelerated event time: the virtual clock runs SPEED times faster than "
            + "the wall clock (60: a day in 24 minutes), from FROM of --backfill FROM.. or else from now; paced; "
            + "--rate is the average in records per event second (required).")
    String speed;

    @Option(names = "--hourly", paramLabel = "w0,...,w23",
            description = "Rate curve: 24 relative weights per hour of the day (UTC), averaging --rate.")
    String hourly;

    @Option(names = "--late", paramLabel = "FRACTION:MAX",
            description = "Late records: that fraction (0..1) of records has an event time up to MAX (e.g. 10m) "
                    + "earlier than planned, out of order. Default: none.")
    String late;

    /** The default duration when neither {@code --duration} nor {@code --max-records} is given. */
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

    /** The command line's names for the settings of the table; CliNames reports problems with them. */
    static final SettingAliases ALIASES = SettingAliases.of(aliases());

    /** The object sinks' own settings the command line has flags for, and the sinks that take each. */
    private static final Map<String, String> SINK_FLAGS = Map.of("--format", "format_type", "--mode", "sync_type",
            "--chunk-size", "max_chunk_size");
    private static final Map<String, Set<String>> SINKS_OF_FLAG = Map.of("--format", Set.of("minio", "file", "stdout"),
            "--mode", Set.of("minio", "file"), "--chunk-size", Set.of("minio", "file"));

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put("--domain", "domain");
        aliases.put("--sink", "sink");
        aliases.put("--sink-config", "sink_config");
        aliases.put("--threads", "threads");
        aliases.put("--duration", "duration");
        aliases.put("--max-records", "max_records");
        aliases.put("--rate", "rate_per_second");
        aliases.put("--seed", "seed");
        aliases.put("--id", "id");
        aliases.put("--resume", "resume");
        aliases.put("--resource", "resource");
        aliases.put("--envelope", "envelope");
        aliases.put("--shard", "shard");
        aliases.put("--backfill", "event_time");
        aliases.put("--speed", "event_time");
        aliases.put("--hourly", "rate_curve");
        aliases.put("--late", "lateness");
        aliases.put("--domain-option", "domain_options");
        aliases.put("--fault", "faults");
        aliases.put("--fault-labels", "fault_labels");
        return aliases;
    }

    @Override
    public Integer call() {
        checkOptionsApplyTo(sink);
        // with --sink stdout the records own standard output: progress and summary go to standard error
        PrintWriter out = sink.equals("stdout") ? spec.commandLine().getErr() : spec.commandLine().getOut();
        try (Servers started = new Servers(servers, false, out)) {
            Map<String, String> config = new LinkedHashMap<>();
            String where;
            // a server given with -c counts as if given by its flag
            switch (sink) {
                case "kafka" -> {
                    config.putAll(sinkConfig.containsKey("bootstrap.servers") ? Map.of() : started.kafka());
                    where = "kafka";
                }
                case "minio" -> {
                    config.putAll(sinkConfig.containsKey("endpoint") ? Map.of() : started.s3());
                    where = "s3";
                }
                case "jdbc" -> {
                    config.putAll(started.postgres(sinkConfig));
                    where = "jdbc";
                }
                case "iceberg" -> {
                    // an s3:// warehouse without an endpoint: the S3 server of --s3-endpoint, or an embedded one
                    boolean onS3 = sinkConfig.getOrDefault("warehouse", "").startsWith("s3://");
                    config.putAll(onS3 && !sinkConfig.containsKey("endpoint") ? started.s3() : Map.of());
                    where = "iceberg";
                }
                default -> where = sink;
            }
            SINK_FLAGS.forEach((flag, key) -> putIfSet(config, key, sinkFlag(flag)));
            config.putAll(sinkConfig);
            if (config.containsKey("bootstrap.servers")) {
                where += " " + config.get("bootstrap.servers");
            } else if (sink.equals("minio") || config.containsKey("endpoint")) {
                where += " " + config.get("endpoint");
            }

            EmulationSpec emulationSpec = toSpec(config);
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
     * The options as a spec, every value set through the settings table by its option's alias.
     *
     * @param config the sink's configuration: the servers found, the object options and {@code -c}
     * @return the spec
     * @throws InvalidSettingException naming every bad option as typed
     */
    EmulationSpec toSpec(Map<String, String> config) {
        EmulationSpec.Builder builder = EmulationSpec.builder().sink(sink, config);
        DomainRegistry fileDomains = domains(domainFile.registry());
        if (fileDomains != null) {
            builder.registry(fileDomains);
        }
        List<InvalidSettingException.Violation> problems = new ArrayList<>();
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("--domain", domain != null ? domain
                : domainFile.file != null ? String.join(",", domainFile.names()) : "transaction");
        typed.put("--threads", threads);
        typed.put("--envelope", String.valueOf(envelope));
        typed.put("--max-records", maxRecords);
        typed.put("--rate", rate);
        typed.put("--seed", seed);
        typed.put("--id", id);
        typed.put("--resume", String.valueOf(resume));
        typed.put("--resource", resource);
        typed.put("--shard", shard);
        typed.put("--hourly", hourly);
        typed.put("--late", late);
        typed.put("--fault-labels", String.valueOf(faultLabels));
        typed.forEach((option, text) -> ALIASES.set(builder, option, text, problems));
        domainOptions.forEach((key, value) -> builder.set("domain_options." + key, value));
        faults.forEach((key, value) -> builder.fault(key, value));
        boolean ends = endsByItself(applyEventTime(builder, problems));
        if (duration != null) {
            ALIASES.set(builder, "--duration", duration, problems);
        } else if (maxRecords == null && !ends) {
            builder.duration(DEFAULT_DURATION);
        }
        return ALIASES.build(builder, problems);
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
     * Maps --backfill and --speed onto the one event-time setting ({@code FROM..TO}, or {@code FROM..xSPEED}, from now
     * without --backfill).
     *
     * @return whether event time ends the run by itself (a backfill with an end)
     */
    private boolean applyEventTime(EmulationSpec.Builder builder, List<InvalidSettingException.Violation> problems) {
        if (backfill == null && speed == null) {
            return false;
        }
        if (backfill == null) {
            ALIASES.set(builder, "--speed", Instant.now() + "..x" + speed.strip(), problems);
            return false;
        }
        int dots = backfill.indexOf("..");
        if (dots < 0) {
            problems.add(new InvalidSettingException.Violation("--backfill", backfill,
                    "expected FROM..TO, e.g. 2026-01-01T00:00:00Z..2026-01-02T00:00:00Z (or FROM.. with --speed)"));
            return false;
        }
        boolean open = backfill.substring(dots + 2).isBlank();
        if (speed != null) {
            if (!open) {
                problems.add(new InvalidSettingException.Violation("--backfill", backfill,
                        "with --speed give only the start, FROM.. (an accelerated clock has no end)"));
                return false;
            }
            ALIASES.set(builder, "--speed", backfill.strip() + "x" + speed.strip(), problems);
            return false;
        }
        if (open) {
            problems.add(new InvalidSettingException.Violation("--backfill", backfill,
                    "expected FROM..TO; FROM.. without TO needs --speed (an accelerated clock)"));
            return false;
        }
        ALIASES.set(builder, "--backfill", backfill, problems);
        return true;
    }

    /** How long a run without a duration is awaited: in effect, until it ends by count, exhaustion or Ctrl-C. */
    private static final Duration LONGEST_RUN = Duration.ofDays(365L * 100);

    /** An option that does not apply to the chosen sink is an error, never silently ignored. */
    private void checkOptionsApplyTo(String sinkName) {
        List<InvalidSettingException.Violation> violations = new ArrayList<>();
        SINKS_OF_FLAG.keySet().stream().sorted().forEach(flag -> {
            Set<String> sinks = SINKS_OF_FLAG.get(flag);
            if (sinkFlag(flag) != null && !sinks.contains(sinkName)) {
                violations.add(new InvalidSettingException.Violation(flag, sinkFlag(flag), "applies to --sink "
                        + String.join(", ", new TreeSet<>(sinks)) + ", not " + sinkName));
            }
        });
        if (!violations.isEmpty()) {
            throw new InvalidSettingException(violations);
        }
    }

    private String sinkFlag(String flag) {
        return switch (flag) {
            case "--format" -> format;
            case "--mode" -> mode;
            default -> chunkSize;
        };
    }

    /** The sinks found, for {@code run --help}. */
    static final class SinkNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return new TreeSet<>(SinkRegistry.discover().names()).iterator();
        }
    }

    private static void putIfSet(Map<String, String> config, String key, String value) {
        if (value != null) {
            config.put(key, value);
        }
    }
}
