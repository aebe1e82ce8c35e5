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
import dev.dataemulator.core.InvalidSettingException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The actuator endpoint {@code emulations}: {@code GET} lists the service's emulations, {@code GET /{id}} shows one,
 * {@code POST} starts one ({@code domain}, {@code sink}, {@code sinkConfig} as {@code key=value;key=value},
 * {@code threads},
 * {@code ratePerSecond}, {@code maxRecords}, {@code duration} like {@code 30s}, {@code seed}, {@code resource},
 * {@code id}), {@code DELETE /{id}} stops one. Bad input answers 400 whose body names the setting and the value
 * ({@code {"status", "error", "message", "violations": [{"setting", "value", "reason"}]}}), without the application
 * having to enable Spring Boot's error messages; an unknown id answers 404. A web endpoint: its answers are HTTP
 * statuses.
 */
@WebEndpoint(id = "emulations")
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
     * @param maxRecords record count, or DOMAIN=N entries for a domain list
     * @param duration how long, e.g. {@code 30s}
     * @param seed the seed
     * @param resource topic or bucket override
     * @param id the emulation id
     * @return the started emulation (200), or 400 with the bad settings and values in the body
     */
    @WriteOperation
    public WebEndpointResponse<Object> start(String domain, String sink, @Nullable String sinkConfig,
            @Nullable Integer threads, @Nullable Double ratePerSecond,
            @Nullable String maxRecords, @Nullable String duration, @Nullable Long seed,
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
            return new WebEndpointResponse<>(Summary.of(service.start(emulation.toSpec(domains, sinks))));
        } catch (EmulatorException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            return badRequest(e);
        }
    }

    /**
     * The 400 body: the message names the setting and the value; {@code violations} lists each one when the
     * failure is an {@link InvalidSettingException}. Written here rather than left to Spring Boot's error page,
     * which omits messages unless the application enables them.
     */
    private static WebEndpointResponse<Object> badRequest(RuntimeException e) {
        Map<String, Object> body = errorBody(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", e.getMessage());
        if (e instanceof InvalidSettingException invalid) {
            body.put("violations", invalid.violations().stream().map(v -> {
                Map<String, Object> violation = new LinkedHashMap<>();
                violation.put("setting", v.setting());
                violation.put("value", v.value());
                violation.put("reason", v.reason());
                return violation;
            }).toList());
        }
        return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
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
     * @return the emulation (200), or 404 naming the id when unknown
     */
    @DeleteOperation
    public WebEndpointResponse<Object> stop(@Selector String id) {
        return service.find(id).<WebEndpointResponse<Object>>map(emulation -> {
            emulation.stop();
            return new WebEndpointResponse<>(Summary.of(emulation));
        }).orElseGet(() -> {
            // a null answer would be 204 for a delete operation: the unknown id is said, as GET does with 404
            return new WebEndpointResponse<>(errorBody(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found",
                    "No emulation '" + id + "'"), WebEndpointResponse.STATUS_NOT_FOUND);
        });
    }

    /** @return the shape of Spring Boot's error answers: {@code status}, {@code error}, {@code message} */
    private static Map<String, Object> errorBody(int status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", error);
        body.put("message", message);
        return body;
    }
}
