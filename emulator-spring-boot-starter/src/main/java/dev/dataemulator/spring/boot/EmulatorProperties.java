package dev.dataemulator.spring.boot;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulatorService;
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

    /** One emulation; unset values take {@link EmulationSpec}'s defaults. */
    public static class Emulation {
        private String domain;
        private String sink;
        private Map<String, String> sinkConfig = new LinkedHashMap<>();
        private Integer threads;
        private Double ratePerSecond;
        private Long maxRecords;
        private Duration duration;
        private Long seed;
        private String resource;
        private String id;
        private Boolean envelope;
        private Map<String, String> domainOptions = new LinkedHashMap<>();

        /**
         * @param domains the domains to resolve {@code domain} in
         * @param sinks the sinks to resolve {@code sink} in
         * @return the spec, validated
         * @throws dev.dataemulator.core.InvalidSettingException naming every bad setting and its value
         */
        public EmulationSpec toSpec(DomainRegistry domains, SinkRegistry sinks) {
            EmulationSpec.Builder builder = EmulationSpec.builder().registry(domains).sinkRegistry(sinks)
                    .domain(domain);
            if (sink != null) {
                builder.sink(sink, sinkConfig == null ? Map.of() : sinkConfig);
            }
            if (threads != null) {
                builder.threads(threads);
            }
            if (ratePerSecond != null) {
                builder.ratePerSecond(ratePerSecond);
            }
            if (maxRecords != null) {
                builder.maxRecords(maxRecords);
            }
            if (duration != null) {
                builder.duration(duration);
            }
            if (seed != null) {
                builder.seed(seed);
            }
            if (resource != null) {
                builder.resource(resource);
            }
            if (id != null) {
                builder.id(id);
            }
            if (envelope != null) {
                builder.envelope(envelope);
            }
            if (domainOptions != null) {
                domainOptions.forEach(builder::domainOption);
            }
            return builder.build();
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
        public Long getMaxRecords() {
            return maxRecords;
        }

        /** @param maxRecords how many records to make */
        public void setMaxRecords(Long maxRecords) {
            this.maxRecords = maxRecords;
        }

        /** @return how long to run (default unbounded) */
        public Duration getDuration() {
            return duration;
        }

        /** @param duration how long to run */
        public void setDuration(Duration duration) {
            this.duration = duration;
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
