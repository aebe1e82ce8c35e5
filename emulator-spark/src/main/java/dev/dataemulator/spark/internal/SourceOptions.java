package dev.dataemulator.spark.internal;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EventTimeOptions;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.declarative.DeclarativeDomains;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
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

    /** Prefix of options handed to the domain (e.g. {@code domain.fraud-rate}). */
    public static final String DOMAIN_OPTION_PREFIX = "domain.";

    private final String domain;
    private final long seed;
    private final long rows;
    private final int partitions;
    private final boolean envelope;
    private final long clockMillis;
    private final String emulationId;
    private final Map<String, String> domainOptions;
    private final long rowsPerBatch;
    private final double rowsPerSecond;
    private final String definition;
    /** Event-time options as given, in {@link EventTimeOptions}' forms; checked when parsed, applied per reader. */
    private final String backfill;
    private final Double eventRate;
    private final String hourly;
    private final String lateness;

    private SourceOptions(Map<String, String> raw, long fallbackClockMillis, int defaultPartitions) {
        Map<String, String> lower = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        lower.putAll(raw);
        this.domain = lower.get("domain");
        if (domain == null || domain.isBlank()) {
            throw new InvalidSettingException("domain", domain, "the option 'domain' is required, e.g. transaction");
        }
        this.seed = parseLong(lower, "seed", 0L, Long.MIN_VALUE);
        this.rows = parseLong(lower, "rows", -1L, 0L);
        long parts = parseLong(lower, "partitions", defaultPartitions, 1L);
        if (parts > Integer.MAX_VALUE) {
            throw new InvalidSettingException("partitions", parts, "must be at most " + Integer.MAX_VALUE);
        }
        this.partitions = (int) parts;
        this.envelope = parseBoolean(lower, "envelope", false);
        String instant = lower.get("clock.instant");
        if (instant == null || instant.isBlank()) {
            this.clockMillis = fallbackClockMillis;
        } else {
            try {
                this.clockMillis = Instant.parse(instant.trim()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new InvalidSettingException("clock.instant", instant,
                        "expected an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            }
        }
        this.emulationId = lower.getOrDefault("emulation.id", "spark");
        this.rowsPerBatch = parseLong(lower, "rowsPerBatch", 1000L, 1L);
        String rate = lower.get("rowsPerSecond");
        if (rate == null) {
            this.rowsPerSecond = 0;
        } else {
            try {
                this.rowsPerSecond = Double.parseDouble(rate.trim());
            } catch (NumberFormatException e) {
                throw new InvalidSettingException("rowsPerSecond", rate, "expected a positive number");
            }
            if (!(rowsPerSecond > 0) || Double.isInfinite(rowsPerSecond)) {
                throw new InvalidSettingException("rowsPerSecond", rate, "expected a positive number");
            }
        }
        this.definition = definitionText(lower.get("definition"));
        this.backfill = blankToNull(lower.get(EVENT_TIME_BACKFILL));
        this.hourly = blankToNull(lower.get(RATE_CURVE_HOURLY));
        this.lateness = blankToNull(lower.get(LATENESS));
        String eventRateText = blankToNull(lower.get(EVENT_TIME_RATE));
        if (eventRateText == null) {
            this.eventRate = null;
        } else {
            double parsed;
            try {
                parsed = Double.parseDouble(eventRateText.trim());
            } catch (NumberFormatException e) {
                parsed = Double.NaN;
            }
            if (!(parsed > 0) || Double.isInfinite(parsed)) {
                throw new InvalidSettingException(EVENT_TIME_RATE, eventRateText,
                        "expected a positive number of records per event second");
            }
            this.eventRate = parsed;
        }
        // the forms are checked here, on the driver; how they combine (a backfill needs event.time.rate) when the
        // table first makes its stream
        if (backfill != null) {
            EventTimeOptions.backfill(EVENT_TIME_BACKFILL, backfill);
        }
        if (hourly != null) {
            EventTimeOptions.hourly(RATE_CURVE_HOURLY, hourly);
        }
        if (lateness != null) {
            EventTimeOptions.lateness(LATENESS, lateness);
        }
        Map<String, String> forDomain = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (key.regionMatches(true, 0, DOMAIN_OPTION_PREFIX, 0, DOMAIN_OPTION_PREFIX.length())) {
                forDomain.put(key.substring(DOMAIN_OPTION_PREFIX.length()), value);
            }
        });
        this.domainOptions = Map.copyOf(forDomain);
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

    private static boolean parseBoolean(Map<String, String> options, String key, boolean fallback) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidSettingException(key, value, "expected true or false");
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

    /** @return the bundled domains and those of the {@code definition} option */
    private DomainRegistry registry() {
        DomainRegistry registry = DomainRegistry.discover();
        if (definition != null) {
            DomainRegistry.Builder builder = registry.toBuilder();
            DeclarativeDomains.parse("definition", definition).forEach(builder::register);
            registry = builder.build();
        }
        return registry;
    }

    /** @return a generator of the domain, opened with the seed, the fixed clock and the domain options */
    public DomainGenerator open() {
        return registry().provider(domain).open(new DomainContext(seed, clock(), domainOptions));
    }

    /**
     * @return the records of these options by seq, as {@code Fixtures} makes them (the same records as the engine
     *     for the same seed, clock and event-time settings)
     */
    public Fixtures.Stream stream() {
        return fixtures(registry()).stream();
    }

    /** @throws InvalidSettingException naming the event-time option that is malformed or inconsistent */
    private Fixtures fixtures(DomainRegistry registry) {
        Fixtures fixtures = Fixtures.of(domain).registry(registry).seed(seed).clock(clock()).emulationId(emulationId);
        domainOptions.forEach(fixtures::option);
        if (backfill != null) {
            fixtures.eventTime(EventTimeOptions.backfill(EVENT_TIME_BACKFILL, backfill));
        }
        if (eventRate != null) {
            fixtures.ratePerSecond(eventRate);
        }
        if (hourly != null) {
            fixtures.rateCurve(EventTimeOptions.hourly(RATE_CURVE_HOURLY, hourly));
        }
        if (lateness != null) {
            EventTimeOptions.Lateness late = EventTimeOptions.lateness(LATENESS, lateness);
            fixtures.lateness(late.fraction(), late.max());
        }
        return fixtures;
    }

    /** @return the fixed clock of record timestamps and time fields */
    public Clock clock() {
        return Clock.fixed(Instant.ofEpochMilli(clockMillis), ZoneOffset.UTC);
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
