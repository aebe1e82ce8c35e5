package dev.dataemulator.spring.boot;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulatorService;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SettingAliases;
import dev.dataemulator.core.SettingText;
import dev.dataemulator.core.SinkRegistry;
import dev.dataemulator.micrometer.MicrometerEmulationListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code emulator.*} properties.
 *
 * <pre>
 * emulator:
 *   emulations:                       # started when the application starts; none by default
 *     - domain: transaction
 *       sink: kafka
 *       sink-config: {bootstrap.servers: "${KAFKA:localhost:9092}"}
 *       threads: 4
 *       rate-per-second: 2000
 *       duration: 90                  # a bare number is seconds: 90s
 *       event-time: 2026-01-01T00:00:00Z..2026-01-02T00:00:00Z   # a backfill (or FROM..xSPEED, or live)
 *       rate-curve: 1,1,1,1,1,1,2,2,2,2,2,2,3,3,3,3,3,3,2,2,2,2,1,1
 *       lateness: 0.02:10m
 *   service:
 *     max-ended: 200                  # ended emulations kept for queries
 *     retention: 60m                  # and for how long
 *     close-timeout: 30s              # how long closing the context waits for running emulations
 *   metrics:
 *     enabled: true                   # bind to the application's MeterRegistry when there is one
 *     grace: 2m                       # how long an ended emulation's meters stay
 * </pre>
 */
@ConfigurationProperties("emulator")
public class EmulatorProperties {
    private List<Emulation> emulations = new ArrayList<>();
    private final Service service = new Service();
    private final Metrics metrics = new Metrics();

    /** @return the emulations started when the application starts (none by default: listing one is the opt-in) */
    public List<Emulation> getEmulations() {
        return emulations;
    }

    /** @param emulations the emulations to start when the application starts */
    public void setEmulations(List<Emulation> emulations) {
        this.emulations = emulations;
    }

    /** @return the {@link EmulatorService} settings */
    public Service getService() {
        return service;
    }

    /** @return the metrics settings */
    public Metrics getMetrics() {
        return metrics;
    }

    /**
     * One emulation; unset values take {@link EmulationSpec}'s defaults. Each property is a setting of
     * {@link EmulationSpec#settings()} under its kebab-case name ({@code rate-per-second} for {@code rate_per_second}),
     * read by the settings table's own parser: a bare number in a duration is seconds, as in every front door.
     */
    public static class Emulation {
        /** The properties' names for the settings of the table: each setting's name in kebab case. */
        static final SettingAliases ALIASES = SettingAliases.of(aliases());

        private static Map<String, String> aliases() {
            Map<String, String> aliases = new LinkedHashMap<>();
            for (EmulationSpec.Setting setting : EmulationSpec.settings()) {
                if (setting.hasText() && !setting.kind().equals("map") && !setting.name().equals("clock")) {
                    aliases.put(setting.name().replace('_', '-'), setting.name());
                }
            }
            aliases.put("sink-config", "sink_config");
            aliases.put("domain-options", "domain_options");
            aliases.put("faults", "faults");
            return aliases;
        }

        private String domain;
        private String sink;
        private Map<String, String> sinkConfig = new LinkedHashMap<>();
        private Integer threads;
        private Double ratePerSecond;
        private String maxRecords;
        private String duration;
        private Long seed;
        private String resource;
        private String id;
        private Boolean envelope;
        private Map<String, String> domainOptions = new LinkedHashMap<>();
        private Map<String, String> faults = new LinkedHashMap<>();
        private Boolean faultLabels;
        private String eventTime;
        private String rateCurve;
        private String lateness;
        private String shard;
        private String errorPolicy;
        private String progressInterval;
        private String closeTimeout;
        private Boolean resume;

        /**
         * @param domains the domains to resolve {@code domain} in
         * @param sinks the sinks to resolve {@code sink} in
         * @return the spec, validated
         * @throws dev.dataemulator.core.InvalidSettingException naming every bad setting (as its property, e.g.
         *     {@code rate-per-second}) and its value
         */
        public EmulationSpec toSpec(DomainRegistry domains, SinkRegistry sinks) {
            EmulationSpec.Builder builder = EmulationSpec.builder().registry(domains).sinkRegistry(sinks);
            if (sink != null) {
                builder.sink(sink, sinkConfig == null ? Map.of() : sinkConfig);
            }
            List<InvalidSettingException.Violation> problems = new ArrayList<>();
            Map<String, Object> typed = new LinkedHashMap<>();
            typed.put("domain", domain == null ? "" : domain);
            typed.put("threads", threads);
            typed.put("rate-per-second", ratePerSecond);
            typed.put("max-records", maxRecords);
            typed.put("duration", duration);
            typed.put("seed", seed);
            typed.put("resource", resource);
            typed.put("id", id);
            typed.put("envelope", envelope);
            typed.put("event-time", eventTime);
            typed.put("rate-curve", rateCurve);
            typed.put("lateness", lateness);
            typed.put("shard", shard);
            typed.put("error-policy", errorPolicy);
            typed.put("progress-interval", progressInterval);
            typed.put("close-timeout", closeTimeout);
            typed.put("fault-labels", faultLabels);
            typed.put("resume", resume);
            typed.forEach((property, value) -> ALIASES.set(builder, property,
                    value instanceof Double rate ? SettingText.number(rate) : value == null ? null : value.toString(),
                    problems));
            if (domainOptions != null) {
                domainOptions.forEach((key, value) -> ALIASES.set(builder, "domain_options." + key, value, problems));
            }
            if (faults != null) {
                faults.forEach((key, value) -> ALIASES.set(builder, "faults." + key, value, problems));
            }
            return ALIASES.build(builder, problems);
        }

        /** @return the domain, e.g. {@code transaction} (required) */
        public String getDomain() {
            return domain;
        }

        /** @param domain the domain */
        public void setDomain(String domain) {
            this.domain = domain;
        }

        /** @return the sink's name, e.g. {@code kafka} (required) */
        public String getSink() {
            return sink;
        }

        /** @param sink the sink's name */
        public void setSink(String sink) {
            this.sink = sink;
        }

        /** @return the sink's settings, e.g. {@code bootstrap.servers} */
        public Map<String, String> getSinkConfig() {
            return sinkConfig;
        }

        /** @param sinkConfig the sink's settings */
        public void setSinkConfig(Map<String, String> sinkConfig) {
            this.sinkConfig = sinkConfig;
        }

        /** @return worker threads (default 1) */
        public Integer getThreads() {
            return threads;
        }

        /** @param threads worker threads */
        public void setThreads(Integer threads) {
            this.threads = threads;
        }

        /** @return the rate limit in records per second (default none) */
        public Double getRatePerSecond() {
            return ratePerSecond;
        }

        /** @param ratePerSecond the rate limit */
        public void setRatePerSecond(Double ratePerSecond) {
            this.ratePerSecond = ratePerSecond;
        }

        /** @return how many records to make (default unbounded) */
        public String getMaxRecords() {
            return maxRecords;
        }

        /**
         * @param maxRecords how many records to make: a number, or {@code DOMAIN=N} entries (comma-separated) for a
         *     run of several domains ({@code domain: customers,orders}); see docs/SETTINGS.md
         */
        public void setMaxRecords(String maxRecords) {
            this.maxRecords = maxRecords;
        }

        /**
         * @return how long to run (default unbounded): a duration such as {@code 30s}, {@code 500ms}, {@code 2m},
         *     {@code 1h}, {@code 1d} or {@code PT30S}; a bare number is seconds, as in every front door
         */
        public String getDuration() {
            return duration;
        }

        /** @param duration how long to run; a bare number is seconds */
        public void setDuration(String duration) {
            this.duration = duration;
        }

        /**
         * @return event time: {@code live} (default), a backfill {@code FROM..TO} or an accelerated clock
         *     {@code FROM..xSPEED} (ISO-8601 instants); a virtual clock needs {@code rate-per-second}
         */
        public String getEventTime() {
            return eventTime;
        }

        /** @param eventTime {@code live}, {@code FROM..TO} or {@code FROM..xSPEED} */
        public void setEventTime(String eventTime) {
            this.eventTime = eventTime;
        }

        /**
         * @return the rate curve: {@code flat} (default), 24 comma-separated weights (UTC hours),
         *     {@code hourly ZONE weights} or {@code weekly ZONE weights}
         */
        public String getRateCurve() {
            return rateCurve;
        }

        /** @param rateCurve the rate curve */
        public void setRateCurve(String rateCurve) {
            this.rateCurve = rateCurve;
        }

        /** @return late records, {@code FRACTION:MAX}, e.g. {@code 0.02:10m} (default none) */
        public String getLateness() {
            return lateness;
        }

        /** @param lateness late records, {@code FRACTION:MAX} */
        public void setLateness(String lateness) {
            this.lateness = lateness;
        }

        /** @return the shard of the domain's record stream, {@code I/N} (default {@code 0/1}) */
        public String getShard() {
            return shard;
        }

        /** @param shard the shard, {@code I/N} */
        public void setShard(String shard) {
            this.shard = shard;
        }

        /** @return what a worker does when the sink rejects a record: {@code fail} (default) or {@code continue} */
        public String getErrorPolicy() {
            return errorPolicy;
        }

        /** @param errorPolicy {@code fail} or {@code continue} */
        public void setErrorPolicy(String errorPolicy) {
            this.errorPolicy = errorPolicy;
        }

        /** @return how often progress is reported (default 10s); a bare number is seconds */
        public String getProgressInterval() {
            return progressInterval;
        }

        /** @param progressInterval how often progress is reported */
        public void setProgressInterval(String progressInterval) {
            this.progressInterval = progressInterval;
        }

        /** @return how long closing the emulation waits for its end (default 60s); a bare number is seconds */
        public String getCloseTimeout() {
            return closeTimeout;
        }

        /** @param closeTimeout how long closing waits */
        public void setCloseTimeout(String closeTimeout) {
            this.closeTimeout = closeTimeout;
        }

        /**
         * @return whether the emulation is resumable (needs an id): its sink keeps each lane's durable progress and a
         *     start finding progress of the same id continues from it (default false)
         */
        public Boolean getResume() {
            return resume;
        }

        /** @param resume whether the emulation is resumable */
        public void setResume(Boolean resume) {
            this.resume = resume;
        }

        /** @return the seed (default random) */
        public Long getSeed() {
            return seed;
        }

        /** @param seed the seed */
        public void setSeed(Long seed) {
            this.seed = seed;
        }

        /** @return the topic or bucket override */
        public String getResource() {
            return resource;
        }

        /** @param resource the topic or bucket override */
        public void setResource(String resource) {
            this.resource = resource;
        }

        /** @return the emulation id (default a random UUID) */
        public String getId() {
            return id;
        }

        /** @param id the emulation id */
        public void setId(String id) {
            this.id = id;
        }

        /** @return whether records are wrapped in the envelope (default true) */
        public Boolean getEnvelope() {
            return envelope;
        }

        /** @param envelope whether records are wrapped in the envelope */
        public void setEnvelope(Boolean envelope) {
            this.envelope = envelope;
        }

        /** @return options passed to the domain */
        public Map<String, String> getDomainOptions() {
            return domainOptions;
        }

        /** @param domainOptions options passed to the domain */
        public void setDomainOptions(Map<String, String> domainOptions) {
            this.domainOptions = domainOptions;
        }

        /** @return whether labels also go to the resource {@code <resource>_faults}; null for the default (true) */
        public Boolean getFaultLabels() {
            return faultLabels;
        }

        /** @param faultLabels whether labels also go to the resource {@code <resource>_faults} */
        public void setFaultLabels(Boolean faultLabels) {
            this.faultLabels = faultLabels;
        }

        /** @return the labelled faults, entries as after {@code faults.} (e.g. {@code null.rate}) */
        public Map<String, String> getFaults() {
            return faults;
        }

        /** @param faults the labelled faults (see docs/FAULTS.md) */
        public void setFaults(Map<String, String> faults) {
            this.faults = faults;
        }
    }

    /** {@link EmulatorService} settings. */
    public static class Service {
        private int maxEnded = EmulatorService.DEFAULT_MAX_ENDED;
        private Duration retention = Duration.ofMinutes(EmulatorService.DEFAULT_RETENTION_MINUTES);
        private Duration closeTimeout = Duration.ofSeconds(EmulatorService.DEFAULT_CLOSE_TIMEOUT_SECONDS);

        /** @return how many ended emulations are kept for queries */
        public int getMaxEnded() {
            return maxEnded;
        }

        /** @param maxEnded how many ended emulations are kept for queries */
        public void setMaxEnded(int maxEnded) {
            this.maxEnded = maxEnded;
        }

        /** @return how long an ended emulation is kept */
        public Duration getRetention() {
            return retention;
        }

        /** @param retention how long an ended emulation is kept */
        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        /** @return how long closing waits for running emulations to end */
        public Duration getCloseTimeout() {
            return closeTimeout;
        }

        /** @param closeTimeout how long closing waits for running emulations to end */
        public void setCloseTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
        }
    }

    /** Metrics settings. */
    public static class Metrics {
        private boolean enabled = true;
        private Duration grace = MicrometerEmulationListener.DEFAULT_GRACE;

        /** @return whether emulations are published to the application's MeterRegistry (when it has one) */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether emulations are published */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return how long an ended emulation's meters stay */
        public Duration getGrace() {
            return grace;
        }

        /** @param grace how long an ended emulation's meters stay */
        public void setGrace(Duration grace) {
            this.grace = grace;
        }
    }
}
