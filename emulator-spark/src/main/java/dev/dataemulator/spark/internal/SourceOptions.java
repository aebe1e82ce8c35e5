package dev.dataemulator.spark.internal;

import dev.dataemulator.core.DomainRegistry;
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

    /** @return a generator of the domain, opened with the seed, the fixed clock and the domain options */
    public DomainGenerator open() {
        DomainRegistry registry = DomainRegistry.discover();
        if (definition != null) {
            DomainRegistry.Builder builder = registry.toBuilder();
            DeclarativeDomains.parse("definition", definition).forEach(builder::register);
            registry = builder.build();
        }
        return registry.provider(domain).open(new DomainContext(seed, clock(), domainOptions));
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
