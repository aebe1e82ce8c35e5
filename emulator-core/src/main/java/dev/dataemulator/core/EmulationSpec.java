package dev.dataemulator.core;

import dev.dataemulator.core.InvalidSettingException.Violation;
import dev.dataemulator.core.spi.SyncProducer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * What to emulate, where to, and when to stop. Immutable; built with {@link #builder()}, varied with
 * {@link #toBuilder()}.
 *
 * <p>An emulation stops at the first of: its {@link Builder#duration(Duration) duration}, its
 * {@link Builder#maxRecords(long) record count}, the domain running out of records (user profiles), a call to
 * {@link Emulation#stop()}, or a fatal error. With none of the first two set it runs until stopped.
 */
public final class EmulationSpec {
    /** Upper bound of {@link Builder#threads(int)}. */
    public static final int MAX_THREADS = 1024;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String domain;
    private final String sinkName;
    private final Map<String, String> sinkConfig;
    private final SyncProducer sinkInstance;
    private final int threads;
    private final Duration duration;
    private final Long maxRecords;
    private final Double ratePerSecond;
    private final Long seed;
    private final String resource;
    private final boolean envelope;
    private final Executor executor;
    private final Clock clock;
    private final DomainRegistry registry;
    private final SinkRegistry sinkRegistry;
    private final String id;
    private final Map<String, String> domainOptions;
    private final ErrorPolicy errorPolicy;
    private final Duration progressInterval;
    private final Duration closeTimeout;
    private final int shardIndex;
    private final int shardCount;
    private final List<EmulationListener> listeners;

    private EmulationSpec(Builder b, DomainRegistry registry, SinkRegistry sinkRegistry) {
        this.domain = b.domain;
        this.sinkName = b.sinkName;
        this.sinkConfig = b.sinkConfig == null ? Map.of() : Map.copyOf(b.sinkConfig);
        this.sinkInstance = b.sinkInstance;
        this.threads = b.threads;
        this.duration = b.duration;
        this.maxRecords = b.maxRecords;
        this.ratePerSecond = b.ratePerSecond;
        this.seed = b.seed;
        this.resource = b.resource;
        this.envelope = b.envelope;
        this.executor = b.executor;
        this.clock = b.clock;
        this.registry = registry;
        this.sinkRegistry = sinkRegistry;
        this.id = b.id;
        this.domainOptions = Map.copyOf(b.domainOptions);
        this.errorPolicy = b.errorPolicy;
        this.progressInterval = b.progressInterval;
        this.closeTimeout = b.closeTimeout;
        this.shardIndex = b.shardIndex;
        this.shardCount = b.shardCount;
        this.listeners = List.copyOf(b.listeners);
    }

    /** @return a builder with the defaults: 1 thread, envelope on, system UTC clock, discovered providers */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this spec's settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.domain = domain;
        b.sinkName = sinkName;
        b.sinkConfig = sinkName == null ? null : new LinkedHashMap<>(sinkConfig);
        b.sinkInstance = sinkInstance;
        b.threads = threads;
        b.duration = duration;
        b.maxRecords = maxRecords;
        b.ratePerSecond = ratePerSecond;
        b.seed = seed;
        b.resource = resource;
        b.envelope = envelope;
        b.executor = executor;
        b.clock = clock;
        b.registry = registry;
        b.sinkRegistry = sinkRegistry;
        b.id = id;
        b.domainOptions.putAll(domainOptions);
        b.errorPolicy = errorPolicy;
        b.progressInterval = progressInterval;
        b.closeTimeout = closeTimeout;
        b.shardIndex = shardIndex;
        b.shardCount = shardCount;
        b.listeners.addAll(listeners);
        return b;
    }

    /** @return the domain name */
    public String domain() {
        return domain;
    }

    /** @return the sink's name when it is built from configuration */
    public Optional<String> sinkName() {
        return Optional.ofNullable(sinkName);
    }

    /** @return the sink configuration (empty with a sink instance) */
    public Map<String, String> sinkConfig() {
        return sinkConfig;
    }

    /** @return the sink instance when one was given; the runner flushes it but never closes it */
    public Optional<SyncProducer> sinkInstance() {
        return Optional.ofNullable(sinkInstance);
    }

    /** @return the number of worker threads */
    public int threads() {
        return threads;
    }

    /** @return how long to run, if bounded by time */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    /** @return how many records to make at most, if bounded by count */
    public OptionalLong maxRecords() {
        return maxRecords == null ? OptionalLong.empty() : OptionalLong.of(maxRecords);
    }

    /** @return the global rate limit in records per second, if any */
    public OptionalDouble ratePerSecond() {
        return ratePerSecond == null ? OptionalDouble.empty() : OptionalDouble.of(ratePerSecond);
    }

    /** @return the seed, if fixed; otherwise each emulation picks one at random and reports it */
    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /** @return the topic or bucket override, if any */
    public Optional<String> resource() {
        return Optional.ofNullable(resource);
    }

    /** @return the topic or bucket records go to: the override, else the registry's mapping */
    public String targetResource() {
        return resource != null ? resource : registry.resourceFor(domain);
    }

    /** @return whether records are wrapped in the seed's envelope */
    public boolean envelope() {
        return envelope;
    }

    /** @return the executor that runs the workers, if given; otherwise the runner starts its own threads */
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    /** @return the clock of timestamps and of the duration */
    public Clock clock() {
        return clock;
    }

    /** @return the domain registry */
    public DomainRegistry registry() {
        return registry;
    }

    /** @return the sink registry */
    public SinkRegistry sinkRegistry() {
        return sinkRegistry;
    }

    /** @return the emulation id, if fixed; otherwise each emulation gets a random UUID */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** @return options passed to the domain (e.g. {@code labels=false} for transactions) */
    public Map<String, String> domainOptions() {
        return domainOptions;
    }

    /** @return what a worker does when the sink rejects a record */
    public ErrorPolicy errorPolicy() {
        return errorPolicy;
    }

    /** @return how often a progress line is logged at INFO and {@link EmulationListener#progress} is called */
    public Duration progressInterval() {
        return progressInterval;
    }

    /** @return how long {@link Emulation#close()} waits for the emulation to end */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** @return which shard of the domain's record stream this emulation makes, from 0 (default 0) */
    public int shardIndex() {
        return shardIndex;
    }

    /** @return how many shards the domain's record stream is split into (default 1: the whole stream) */
    public int shardCount() {
        return shardCount;
    }

    /** @return the listeners told about the emulation's start, progress and end, in the order added */
    public List<EmulationListener> listeners() {
        return listeners;
    }

    @Override
    public String toString() {
        return "EmulationSpec[domain=" + domain + ", sink=" + (sinkName != null ? sinkName : sinkInstance)
                + ", threads=" + threads + ", duration=" + duration + ", maxRecords=" + maxRecords
                + ", ratePerSecond=" + ratePerSecond + ", seed=" + seed + ", resource=" + resource
                + ", envelope=" + envelope + "]";
    }

    /**
     * Collects settings; {@link #build()} validates them all at once. Not thread-safe.
     */
    public static final class Builder {
        private String domain;
        private String sinkName;
        private Map<String, String> sinkConfig;
        private SyncProducer sinkInstance;
        private int threads = 1;
        private Duration duration;
        private Long maxRecords;
        private Double ratePerSecond;
        private Long seed;
        private String resource;
        private boolean envelope = true;
        private Executor executor;
        private Clock clock = Clock.systemUTC();
        private DomainRegistry registry;
        private SinkRegistry sinkRegistry;
        private String id;
        private final Map<String, String> domainOptions = new LinkedHashMap<>();
        private ErrorPolicy errorPolicy = ErrorPolicy.FAIL;
        private Duration progressInterval = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(60);
        private int shardIndex;
        private int shardCount = 1;
        private final List<EmulationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The domain to emulate, e.g. {@code "transaction"}. Required. */
        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        /**
         * A sink built by name from configuration (e.g. {@code "kafka"} with {@code bootstrap.servers}); the
         * emulation creates and closes it.
         */
        public Builder sink(String name, Map<String, String> config) {
            this.sinkName = name;
            this.sinkConfig = config == null ? null : new LinkedHashMap<>(config);
            return this;
        }

        /** A sink instance owned by the caller: the emulation sets it up and flushes it, but does not close it. */
        public Builder sink(SyncProducer instance) {
            this.sinkInstance = instance;
            return this;
        }

        /** Worker threads, 1..{@value EmulationSpec#MAX_THREADS}; default 1. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** How long to run (the seed's {@code timeout}); positive. Default: unbounded. */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        /** How many records to make at most, exactly that many unless stopped earlier; at least 1. */
        public Builder maxRecords(long maxRecords) {
            this.maxRecords = maxRecords;
            return this;
        }

        /** A global rate limit shared by all workers, in records per second; positive. Default: as fast as possible. */
        public Builder ratePerSecond(double ratePerSecond) {
            this.ratePerSecond = ratePerSecond;
            return this;
        }

        /** Makes the records reproducible: record {@code seq} depends only on the seed, the domain and {@code seq}. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Overrides the domain's topic or bucket. */
        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        /** Wrap records in {@code {"emulation_id", "timestamp", "data"}} (default) or emit {@code data} alone. */
        public Builder envelope(boolean envelope) {
            this.envelope = envelope;
            return this;
        }

        /**
         * Runs the workers on this executor instead of threads of the emulation's own. Any size works: workers that
         * start after the emulation ended simply return.
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** The clock of record timestamps and of the duration; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The domains to use; default {@link DomainRegistry#discover()}. */
        public Builder registry(DomainRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** The sinks to use by name; default {@link SinkRegistry#discover()}. */
        public Builder sinkRegistry(SinkRegistry sinkRegistry) {
            this.sinkRegistry = sinkRegistry;
            return this;
        }

        /** Fixes the emulation id (letters, digits, {@code . _ -}, up to 64); default a random UUID. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Passes an option to the domain (validated by the domain when the emulation starts). */
        public Builder domainOption(String key, String value) {
            domainOptions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** What to do when the sink rejects a record; default {@link ErrorPolicy#FAIL}. */
        public Builder errorPolicy(ErrorPolicy errorPolicy) {
            this.errorPolicy = errorPolicy;
            return this;
        }

        /** How often a progress line is logged at INFO and listeners get a progress call; default 10 s. */
        public Builder progressInterval(Duration progressInterval) {
            this.progressInterval = progressInterval;
            return this;
        }

        /**
         * Adds a listener told about the emulation's start (on the starting thread), progress (every
         * {@link #progressInterval(Duration)}) and end (both from a thread of the emulation's own), never from the
         * record loop; one that throws is logged and ignored. See {@link EmulationListener}. Default: none.
         */
        public Builder listener(EmulationListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** How long {@link Emulation#close()} waits for the end; default 60 s. */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /**
         * Makes this emulation one of {@code count} that share a domain's record stream: it makes the records
         * {@code seq = index, index + count, index + 2 * count, ...}. Runners on several machines with the same seed,
         * the same count and each its own index together make exactly the records one runner would (the same
         * interleaving as the Kafka Connect source connector's shards); {@code maxRecords} then counts this shard's
         * records. Default: shard 0 of 1.
         */
        public Builder shard(int index, int count) {
            this.shardIndex = index;
            this.shardCount = count;
            return this;
        }

        /**
         * @return the spec
         * @throws InvalidSettingException listing every invalid setting with its value
         */
        public EmulationSpec build() {
            List<Violation> violations = new ArrayList<>();
            DomainRegistry domains = registry != null ? registry : DomainRegistry.discover();
            SinkRegistry sinks = sinkRegistry != null ? sinkRegistry : SinkRegistry.discover();

            if (domain == null || domain.isBlank()) {
                violations.add(new Violation("domain", domain, "is required; known domains: " + domains.domains()));
            } else if (!domains.contains(domain)) {
                violations.add(new Violation("domain", domain, domains.unknownDomainMessage(domain)));
            }
            if (sinkName == null && sinkInstance == null) {
                violations.add(new Violation("sink", null, "is required: a sink name with its configuration "
                        + "(found: " + sinks.names() + ") or a SyncProducer instance"));
            } else if (sinkName != null && sinkInstance != null) {
                violations.add(new Violation("sink", sinkName + " + " + sinkInstance.getClass().getName(),
                        "set either a sink name with its configuration or a sink instance, not both"));
            } else if (sinkName != null && sinks.find(sinkName).isEmpty()) {
                violations.add(new Violation("sink", sinkName, sinks.missingMessage(sinkName)));
            }
            if (sinkName != null && sinkConfig == null) {
                violations.add(new Violation("sink.config", null, "must not be null (use an empty map)"));
            }
            if (threads < 1 || threads > MAX_THREADS) {
                violations.add(new Violation("threads", String.valueOf(threads),
                        "must be between 1 and " + MAX_THREADS));
            }
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                violations.add(new Violation("duration", String.valueOf(duration), "must be positive"));
            }
            if (maxRecords != null && maxRecords < 1) {
                violations.add(new Violation("maxRecords", String.valueOf(maxRecords), "must be at least 1"));
            }
            if (ratePerSecond != null && !(ratePerSecond > 0 && Double.isFinite(ratePerSecond))) {
                violations.add(new Violation("ratePerSecond", String.valueOf(ratePerSecond),
                        "must be a positive, finite number of records per second"));
            }
            if (resource != null && (resource.isBlank() || !resource.equals(resource.strip()))) {
                violations.add(new Violation("resource", resource,
                        "must not be blank or have leading or trailing spaces"));
            }
            if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
                violations.add(new Violation("shard", shardIndex + "/" + shardCount,
                        "needs a shard count of at least 1 and an index from 0 to count - 1"));
            }
            if (clock == null) {
                violations.add(new Violation("clock", null, "must not be null"));
            }
            if (id != null && !ID.matcher(id).matches()) {
                violations.add(new Violation("id", id,
                        "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
            }
            if (errorPolicy == null) {
                violations.add(new Violation("errorPolicy", null, "must not be null"));
            }
            if (progressInterval == null || progressInterval.isNegative() || progressInterval.isZero()) {
                violations.add(new Violation("progressInterval", String.valueOf(progressInterval),
                        "must be positive"));
            }
            if (closeTimeout == null || closeTimeout.isNegative() || closeTimeout.isZero()) {
                violations.add(new Violation("closeTimeout", String.valueOf(closeTimeout), "must be positive"));
            }
            if (!violations.isEmpty()) {
                throw new InvalidSettingException(violations);
            }
            return new EmulationSpec(this, domains, sinks);
        }
    }
}
