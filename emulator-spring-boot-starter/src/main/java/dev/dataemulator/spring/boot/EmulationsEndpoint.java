package dev.dataemulator.spring.boot;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationStats;
import dev.dataemulator.core.EmulatorException;
import dev.dataemulator.core.EmulatorService;
import dev.dataemulator.core.SinkRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The actuator endpoint {@code emulations}: {@code GET} lists the service's emulations, {@code GET /{id}} shows one,
 * {@code POST} starts one ({@code domain}, {@code sink}, {@code sinkConfig} as {@code key=value;key=value},
 * {@code threads},
 * {@code ratePerSecond}, {@code maxRecords}, {@code duration} like {@code 30s}, {@code seed}, {@code resource},
 * {@code id}), {@code DELETE /{id}} stops one. Bad input answers 400 naming the setting; an unknown id 404.
 */
@Endpoint(id = "emulations")
public class EmulationsEndpoint {
    private final EmulatorService service;
    private final DomainRegistry domains;
    private final SinkRegistry sinks;

    /**
     * @param service the emulations
     * @param domains the domains started emulations use
     * @param sinks the sinks started emulations use
     */
    public EmulationsEndpoint(EmulatorService service, DomainRegistry domains, SinkRegistry sinks) {
        this.service = service;
        this.domains = domains;
        this.sinks = sinks;
    }

    /** One emulation as the endpoint shows it. */
    public record Summary(String id, String domain, String sink, String resource, String status, String stopReason,
            long generated, long delivered, long failed, long bytes, long inFlight, double elapsedSeconds,
            String failure) {
        static Summary of(Emulation emulation) {
            EmulationReport report = emulation.report();
            EmulationStats stats = report.stats();
            return new Summary(emulation.id(), report.domain(), emulation.spec().sinkName().orElse("instance"),
                    report.resource(), report.status().name(),
                    report.stopped().map(Enum::name).orElse(null), stats.generated(), stats.delivered(),
                    stats.failed(), stats.bytes(), stats.inFlight(), stats.elapsed().toMillis() / 1000.0,
                    report.failure().map(Throwable::toString).orElse(null));
        }
    }

    /** @return every emulation the service knows, in start order */
    @ReadOperation
    public List<Summary> emulations() {
        return service.list().stream().map(Summary::of).toList();
    }

    /**
     * @param id the emulation id
     * @return the emulation, or nothing (404) when unknown
     */
    @ReadOperation
    public Summary emulation(@Selector String id) {
        return service.find(id).map(Summary::of).orElse(null);
    }

    /**
     * Starts an emulation.
     *
     * @param domain the domain
     * @param sink the sink's name
     * @param sinkConfig the sink's settings as {@code key=value} pairs separated by {@code ;}, e.g.
     *     {@code bootstrap.servers=broker:9092;acks=all} (actuator request bodies hold flat values only)
     * @param threads worker threads
     * @param ratePerSecond rate limit
     * @param maxRecords record count
     * @param duration how long, e.g. {@code 30s}
     * @param seed the seed
     * @param resource topic or bucket override
     * @param id the emulation id
     * @return the started emulation
     */
    @WriteOperation
    public Summary start(String domain, String sink, @Nullable String sinkConfig,
            @Nullable Integer threads, @Nullable Double ratePerSecond,
            @Nullable Long maxRecords, @Nullable String duration, @Nullable Long seed,
            @Nullable String resource, @Nullable String id) {
        EmulatorProperties.Emulation emulation = new EmulatorProperties.Emulation();
        emulation.setDomain(domain);
        emulation.setSink(sink);
        emulation.setThreads(threads);
        emulation.setRatePerSecond(ratePerSecond);
        emulation.setMaxRecords(maxRecords);
        emulation.setSeed(seed);
        emulation.setResource(resource);
        emulation.setId(id);
        try {
            if (sinkConfig != null) {
                emulation.setSinkConfig(parsePairs(sinkConfig));
            }
            if (duration != null) {
                emulation.setDuration(duration);
            }
            return Summary.of(service.start(emulation.toSpec(domains, sinks)));
        } catch (EmulatorException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
        }
    }

    /**
     * @param text {@code key=value} pairs separated by {@code ;} (a value may hold commas, as Kafka's server lists do)
     * @return the pairs in order
     * @throws IllegalArgumentException naming a pair without {@code =}
     */
    static Map<String, String> parsePairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Invalid setting 'sinkConfig' = '" + text
                        + "': expected key=value pairs separated by ';', but '" + pair.strip() + "' has no key=");
            }
            pairs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return pairs;
    }

    /**
     * Stops an emulation (harmless when it already ended).
     *
     * @param id the emulation id
     * @return the emulation, or nothing (404) when unknown
     */
    @DeleteOperation
    public Summary stop(@Selector String id) {
        return service.find(id).map(emulation -> {
            emulation.stop();
            return Summary.of(emulation);
        }).orElse(null);
    }
}
