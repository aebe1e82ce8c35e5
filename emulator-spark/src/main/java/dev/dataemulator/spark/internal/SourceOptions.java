package dev.dataemulator.spark.internal;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EventTimeOptions;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SettingAliases;
import dev.dataemulator.core.SettingText;
import dev.dataemulator.core.SinkRegistry;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.declarative.DeclarativeDomains;
import dev.dataemulator.declarative.Snapshots;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parsed options of one {@code emulator} source: everything an executor needs to make the same records as the
 * driver. Immutable and serializable (it travels inside every input partition).
 */
public final class SourceOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Option: a backfill of event time, {@code FROM..TO} ({@link EventTimeOptions#backfill}). */
    public static final String EVENT_TIME_BACKFILL = "event.time.backfill";
    /** Option: the average rate in records per event second of a backfill or an hourly curve. */
    public static final String EVENT_TIME_RATE = "event.time.rate";
    /** Option: the hourly rate curve of event time, 24 comma-separated weights ({@link EventTimeOptions#hourly}). */
    public static final String RATE_CURVE_HOURLY = "rate.curve.hourly";
    /** Option: late records, {@code FRACTION:MAX} ({@link EventTimeOptions#lateness}). */
    public static final String LATENESS = "lateness";

    /**
     * Option: read the table a lifecycle domain's changes leave at this ISO-8601 instant ({@link Snapshots#at})
     * instead of the changes; with a backfill {@code FROM..TO} it must be before {@code TO}.
     */
    public static final String SNAPSHOT_AT = "snapshot.at";

    /** Prefix of options handed to the domain (e.g. {@code domain.fraud-rate}). */
    public static final String DOMAIN_OPTION_PREFIX = "domain.";
    /**
     * Prefix of the faults setting's entries (docs/FAULTS.md), e.g. {@code faults.duplicate=0.01}: rows are typed,
     * so {@code duplicate} and {@code orphan} (well-typed records) are served.
     */
    public static final String FAULTS_PREFIX = "faults.";
    /** Option of what the rows are: {@code records} (the default) or {@code labels}, the faults' label stream. */
    public static final String READ = "read";

    /** The source's option names for the settings of {@link EmulationSpec}'s table. */
    public static final SettingAliases ALIASES = SettingAliases.of(aliases());

    private final String domain;
    private final long seed;
    private final long rows;
    private final int partitions;
    private final boolean envelope;
    /** Whether the rows are the labels of the faults (option {@value #READ} = {@code labels}). */
    private final boolean labels;
    private final String emulationId;
    private final Map<String, String> domainOptions;
    private final long rowsPerBatch;
    private final double rowsPerSecond;
    private final String definition;
    /** The instant of a snapshot read, epoch millis; null for the domain's own records. */
    private final Long snapshotAt;
    /** The spec's settings as text ({@link EmulationSpec#toSettings()}): what an executor rebuilds the spec from. */
    private final Map<String, String> settings;

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put("domain", "domain");
        aliases.put("seed", "seed");
        aliases.put("envelope", "envelope");
        aliases.put("clock.instant", "clock");
        aliases.put("emulation.id", "id");
        aliases.put(EVENT_TIME_BACKFILL, "event_time");
        aliases.put(EVENT_TIME_RATE, "rate_per_second");
        aliases.put(RATE_CURVE_HOURLY, "rate_curve");
        aliases.put(LATENESS, "lateness");
        aliases.put(DOMAIN_OPTION_PREFIX + "<option>", "domain_options");
        aliases.put(FAULTS_PREFIX + "<entry>", "faults");
        return aliases;
    }

    private SourceOptions(Map<String, String> raw, long fallbackClockMillis, int defaultPartitions) {
        Map<String, String> lower = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        lower.putAll(raw);
        String domainName = lower.get("domain");
        if (domainName == null || domainName.isBlank()) {
            throw new InvalidSettingException("domain", domainName, "the option 'domain' is required, e.g. transaction");
        }
        this.rows = parseLong(lower, "rows", -1L, 0L);
        long parts = parseLong(lower, "partitions", defaultPartitions, 1L);
        if (parts > Integer.MAX_VALUE) {
            throw new InvalidSettingException("partitions", parts, "must be at most " + Integer.MAX_VALUE);
        }
        this.partitions = (int) parts;
        this.rowsPerBatch = parseLong(lower, "rowsPerBatch", 1000L, 1L);
        String read = lower.getOrDefault(READ, "records").strip();
        if (!read.equals("records") && !read.equals("labels")) {
            throw new InvalidSettingException(READ, read, "expected records or labels (the faults' labels)");
        }
        this.labels = read.equals("labels");
        String rate = lower.get("rowsPerSecond");
        this.rowsPerSecond = rate == null ? 0 : SettingText.rate("rowsPerSecond", rate);
        this.definition = definitionText(lower.get("definition"));
        this.snapshotAt = snapshotAt(lower.get(SNAPSHOT_AT), lower.get(EVENT_TIME_BACKFILL));

        // the table's settings, under the source's names; the source's defaults: seed 0, no envelope (rows are the
        // domain's columns), the driver's clock fixed (so every executor makes the same time fields), id "spark"
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("domain", domainName);
        typed.put("seed", lower.getOrDefault("seed", "0"));
        typed.put("envelope", lower.getOrDefault("envelope", "false"));
        String instant = blankToNull(lower.get("clock.instant"));
        typed.put("clock.instant", instant != null ? instant : Instant.ofEpochMilli(fallbackClockMillis).toString());
        typed.put("emulation.id", lower.getOrDefault("emulation.id", "spark"));
        for (String key : List.of(EVENT_TIME_BACKFILL, EVENT_TIME_RATE, RATE_CURVE_HOURLY, LATENESS)) {
            typed.put(key, blankToNull(lower.get(key)));
        }
        raw.forEach((key, value) -> {
            if (key.regionMatches(true, 0, DOMAIN_OPTION_PREFIX, 0, DOMAIN_OPTION_PREFIX.length())) {
                typed.put("domain_options." + key.substring(DOMAIN_OPTION_PREFIX.length()), value);
            }
            if (key.regionMatches(true, 0, FAULTS_PREFIX, 0, FAULTS_PREFIX.length())) {
                typed.put(FAULTS_PREFIX + key.substring(FAULTS_PREFIX.length()), value);
            }
        });
        // a backfill is FROM..TO here, as in the Kafka connector
        if (typed.get(EVENT_TIME_BACKFILL) != null) {
            EventTimeOptions.backfill(EVENT_TIME_BACKFILL, typed.get(EVENT_TIME_BACKFILL));
        }
        List<InvalidSettingException.Violation> problems = new ArrayList<>();
        EmulationSpec.Builder builder = EmulationSpec.builder().registry(registry(definition, domainName, snapshotAt))
                .sinkRegistry(SinkRegistry.of()).sink(new MemorySyncProducer());
        typed.forEach((key, value) -> ALIASES.set(builder, key, value, problems));
        EmulationSpec spec = ALIASES.build(builder, problems);
        if (spec.domains().size() > 1) {
            throw new InvalidSettingException("domain", domainName, "one domain per read: a DataFrame is one table; "
                    + "read each domain of the run with the same seed, emulation.id and clock.instant, and its "
                    + "references resolve as in one run of them all");
        }
        this.settings = new HashMap<>(spec.toSettings());
        this.domain = spec.domain();
        this.seed = spec.seed().orElseThrow();
        this.envelope = spec.envelope();
        this.emulationId = spec.id().orElseThrow();
        this.domainOptions = Map.copyOf(spec.domainOptions());
    }

    /**
     * @return the settings of the table these options set, as text ({@link EmulationSpec#toSettings()})
     */
    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    /** @return the spec of these options, rebuilt from its settings (on the driver or an executor) */
    public EmulationSpec spec() {
        EmulationSpec.Builder builder = EmulationSpec.builder().registry(registry(definition, domain, snapshotAt))
                .sinkRegistry(SinkRegistry.of()).sink(new MemorySyncProducer());
        settings.forEach(builder::set);
        return builder.build();
    }

    /**
     * Parses source options.
     *
     * @param raw the options as given to the reader (keys case-insensitive)
     * @param fallbackClockMillis the fixed clock when {@code clock.instant} is absent
     * @param defaultPartitions the partition count when {@code partitions} is absent
     * @return the options
     * @throws InvalidSettingException naming the option and its bad value
     */
    public static SourceOptions parse(Map<String, String> raw, long fallbackClockMillis, int defaultPartitions) {
        return new SourceOptions(raw, fallbackClockMillis, defaultPartitions);
    }

    private static long parseLong(Map<String, String> options, String key, long fallback, long min) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, value, "expected a whole number");
        }
        if (parsed < min) {
            throw new InvalidSettingException(key, value, "must be at least " + min);
        }
        return parsed;
    }

    /** A one-line value ending in .yaml, .yml or .json is a file, read here (on the driver); else the text. */
    private static String definitionText(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (!trimmed.contains("\n") && trimmed.matches("(?i).*\\.(ya?ml|json)")) {
            try {
                return Files.readString(Path.of(trimmed));
            } catch (IOException | RuntimeException e) {
                throw new InvalidSettingException("definition", value,
                        "cannot read the definition file: " + e.getMessage());
            }
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * @return the bundled domains and those of the {@code definition} option; with {@link #SNAPSHOT_AT}, only the
     *     snapshot of {@code domain} at that instant
     */
    private static DomainRegistry registry(String definition, String domain, Long snapshotAt) {
        DomainRegistry domains = DeclarativeDomains.withDefinition(DomainRegistry.discover(), "definition", definition);
        if (snapshotAt == null) {
            return domains;
        }
        return DomainRegistry.builder()
                .register(Snapshots.at(domains.provider(domain), Instant.ofEpochMilli(snapshotAt))).build();
    }

    /** @return the instant of {@link #SNAPSHOT_AT} in epoch millis, null when not set */
    private static Long snapshotAt(String value, String backfill) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(value.trim());
        } catch (RuntimeException e) {
            throw new InvalidSettingException(SNAPSHOT_AT, value, "expected an ISO-8601 instant, e.g. "
                    + "2026-03-01T00:00:00Z");
        }
        Instant end = backfill == null || backfill.isBlank() ? null
                : EventTimeOptions.backfill(EVENT_TIME_BACKFILL, backfill).to().orElse(null);
        if (end != null && !at.isBefore(end)) {
            throw new InvalidSettingException(SNAPSHOT_AT, value, "must be before the end of "
                    + EVENT_TIME_BACKFILL + " (" + end + "): the snapshot's rows carry the instant as their event "
                    + "time");
        }
        return at.toEpochMilli();
    }

    /**
     * @return how many records the table holds: the domain's capacity; for a domain whose records carry their own
     *     event times (a lifecycle's changes or snapshot), those before the backfill's end, counted by walking their
     *     event times without making them; {@link Long#MAX_VALUE} when unbounded
     */
    public long capacity() {
        long capacity = stream().capacity();
        long end = spec().eventTime().to().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        if (capacity != Long.MAX_VALUE || (end == Long.MAX_VALUE && snapshotAt == null)) {
            return capacity;
        }
        DomainGenerator generator = open();
        if (!generator.timed()) {
            return capacity;
        }
        RecordFactory factory = generator.newFactory();
        long count = 0;
        while (factory.eventMillis(count) < end) {
            count++;
        }
        return count;
    }

    /** @return a generator of the domain, opened with the seed, the fixed clock and the domain options */
    public DomainGenerator open() {
        EmulationSpec spec = spec();
        return spec.registry().provider(domain).open(new DomainContext(seed, spec.clock(), domainOptions));
    }

    /**
     * @return the records of these options by seq, as {@code Fixtures} makes them (the same records as the engine
     *     for the same seed, clock and event-time settings)
     */
    public Fixtures.Stream stream() {
        Fixtures.Stream stream = Fixtures.like(spec(), emulationId, seed).stream();
        // a row's columns are typed and a DataFrame has one schema: a damaged field or a drift cannot be a row
        stream.checkFormat("Spark rows", true);
        if (stream.drifts()) {
            throw new InvalidSettingException("faults.drift.at", null, "a DataFrame has one schema, so a drift "
                    + "cannot be read; read the records before and after it with two schemas through the object "
                    + "sinks");
        }
        return stream;
    }

    /** @return the fixed clock of record timestamps and time fields */
    public Clock clock() {
        return spec().clock();
    }

    /** @return the domain name */
    public String domain() {
        return domain;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the number of rows, {@code -1} when not set */
    public long rows() {
        return rows;
    }

    /** @return the number of input partitions of a batch read */
    public int partitions() {
        return partitions;
    }

    /** @return whether rows carry the envelope (emulation_id, timestamp, data) */
    public boolean labels() {
        return labels;
    }

    /** @return whether rows are wrapped in the envelope */
    public boolean envelope() {
        return envelope;
    }

    /** @return the emulation id written into envelopes */
    public String emulationId() {
        return emulationId;
    }

    /** @return the options handed to the domain */
    public Map<String, String> domainOptions() {
        return domainOptions;
    }

    /** @return the most rows of one micro-batch */
    public long rowsPerBatch() {
        return rowsPerBatch;
    }

    /** @return the rate of a stream in rows per second, 0 when unlimited (only {@link #rowsPerBatch()} caps) */
    public double rowsPerSecond() {
        return rowsPerSecond;
    }
}
