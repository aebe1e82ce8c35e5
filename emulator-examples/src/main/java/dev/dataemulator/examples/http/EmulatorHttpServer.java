package dev.dataemulator.examples.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulatorException;
import dev.dataemulator.core.EmulatorService;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkRegistry;
import dev.dataemulator.core.UnknownEmulationException;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.declarative.DeclarativeDomains;
import dev.dataemulator.declarative.DefinitionException;
import dev.dataemulator.declarative.DefinitionProblem;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API of the Python service this library replaces (a FastAPI application) on the JDK's HTTP server, over an {@link EmulatorService}:
 * <ul>
 *   <li>{@code POST /emulator} with {@code {"emulator_sync", "emulation_domain", "timeout", "threads",
 *       "max_records", "rate", "seed", "sink_config"}} ({@code emulator_sync} any sink on the class path,
 *       {@code sink_config} an object of its own settings over the server's; and {@code "format_type", "sync_type",
 *       "max_chunk_size"} for {@code minio}; event time as the CLI's {@code --backfill}, {@code --speed}, {@code --hourly}, {@code --late}:
 *       {@code "backfill_from", "backfill_to"} (ISO-8601 instants), {@code "speed"}, {@code "hourly"} (24 numbers),
 *       {@code "late_fraction", "late_max"} (seconds)) → 202 with the scheduled emulation;</li>
 *   <li>{@code GET /emulator/{id}/status} → status, stop reason once ended, per-worker status and live stats;</li>
 *   <li>{@code DELETE /emulator/{id}} → 202 with the state after the stop was requested: {@code STOPPED} when the
 *       emulation ended within a short wait, otherwise {@code STOPPING};</li>
 *   <li>{@code POST /emulator/{id}/resume} → 202 with the resumed emulation, for one started with
 *       {@code "resume": true} (and an {@code "id"}) that ended before making all its records ({@code "resumable":
 *       true} in its status): it continues where its sink's durable progress says, under the same id; 409 when it is
 *       running, completed or was not started with {@code resume}. A {@code POST /emulator} with the same
 *       {@code id}, settings and {@code "resume": true} resumes it as well, also after the service restarted;</li>
 *   <li>{@code GET /emulator} → the emulations the service still knows: running ones, and ended ones within the
 *       service's retention (by default the last 200, for up to 60 minutes after their end);</li>
 *   <li>{@code POST /domains} with a declarative domain definition (YAML or JSON, the format of
 *       emulator-declarative) → 201 with {@code {"domains": [names]}}; later {@code POST /emulator} requests can name
 *       those domains. Posting a domain name again replaces that definition; the bundled domains cannot be replaced.
 *       A bad definition → 400 listing every problem with its {@code field} (path), {@code value}, {@code line} and
 *       {@code column}.</li>
 * </ul>
 * Bad input → 400 with {@code {"error", "field", "value", "errors": [...]}} naming every bad field; an unknown id →
 * 404; an unknown path → 404; a known path with another method → 405. Several emulations run at once. Closing stops
 * every running emulation (bounded) and the server.
 *
 * <p>The parts: {@link Router} (the route table), {@link EmulationRequest} (validation), {@link JsonViews} (JSON
 * answers) and the {@link EmulatorService} (the emulations by id). {@code GET /} is a browser console over the same
 * API, with a few read-only routes of its own ({@link WebConsole}); {@code GET /api} lists every route and
 * {@code GET /openapi.json} describes them ({@link ApiDocument}).
 */
public final class EmulatorHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorHttpServer.class);
    /** How long DELETE waits for the emulation to end before answering {@code STOPPING}. */
    static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final Map<String, Map<String, String>> sinks;
    private final EmulatorService emulations;
    private final HttpServer server;
    private final ExecutorService executor;
    private final WebConsole console;
    private final DomainRegistry discovered = DomainRegistry.discover();
    /** Domains posted to {@code /domains}, by name; replaced as a whole on every post. */
    private final Map<String, DomainProvider> posted = new LinkedHashMap<>();
    private volatile DomainRegistry registry = discovered;

    /**
     * A server over a service with the default retention.
     *
     * @param address where to listen; port 0 picks a free one
     * @param sinks the server's settings of some sinks (e.g. {@code kafka} → bootstrap servers, {@code minio} →
     *     endpoint and credentials), under which a request's {@code sink_config} goes; every sink on the class path
     *     is accepted, those not named here with the request's settings only
     * @throws IOException when the address cannot be bound
     */
    public EmulatorHttpServer(InetSocketAddress address, Map<String, Map<String, String>> sinks) throws IOException {
        this(address, sinks, EmulatorService.create());
    }

    /**
     * @param address where to listen; port 0 picks a free one
     * @param sinks the server's settings of some sinks, as above
     * @param emulations the emulations by id; the server owns it and closes it
     * @throws IOException when the address cannot be bound
     */
    public EmulatorHttpServer(InetSocketAddress address, Map<String, Map<String, String>> sinks,
            EmulatorService emulations) throws IOException {
        Map<String, Map<String, String>> accepted = new TreeMap<>();
        SinkRegistry.discover().names().forEach(name -> accepted.put(name, Map.of()));
        sinks.forEach((name, settings) -> accepted.put(name, Map.copyOf(settings)));
        this.sinks = Collections.unmodifiableMap(accepted);
        this.emulations = emulations;
        this.server = HttpServer.create(address, 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "emulator-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        Router router = new Router((status, message) -> JsonViews.json(status, JsonViews.error(message)))
                .route("POST", "/emulator", request -> start(request.body()))
                .route("GET", "/emulator", request -> JsonViews.json(200, JsonViews.list(emulations.list(),
                        this.sinks)))
                .route("GET", "/emulator/{id}/status", request -> status(request.param("id")))
                .route("DELETE", "/emulator/{id}", request -> stop(request.param("id")))
                .route("POST", "/emulator/{id}/resume", request -> resume(request.param("id")))
                .route("POST", "/domains", request -> addDomains(request.body()));
        console = WebConsole.register(router, this.sinks.keySet(), emulations::list, () -> registry);
        ApiDocument.register(router);
        server.createContext("/", router);
    }

    /** Starts serving. */
    public void start() {
        server.start();
        LOG.info("Emulator HTTP service on port {}", port());
    }

    /** @return the port the server listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        console.close();
        executor.shutdownNow();
        emulations.close();
    }

    private Router.Response start(InputStream in) throws IOException {
        JsonNode body;
        try (in) {
            body = JsonViews.JSON.readTree(in);
        } catch (JsonProcessingException e) {
            return JsonViews.json(400, JsonViews.error("body is not valid JSON: " + e.getOriginalMessage()));
        }
        try {
            Emulation emulation = emulations.start(EmulationRequest.toSpec(body, sinks, registry));
            return JsonViews.json(202, JsonViews.emulation(emulation, false, null, sinks));
        } catch (EmulationRequest.Invalid e) {
            return JsonViews.json(400, JsonViews.badRequest(e.errors()));
        } catch (InvalidSettingException e) {
            // the sink's own settings, checked when it is created: named as the request gave them
            return JsonViews.json(400, JsonViews.badRequest(e.violations().stream()
                    .map(v -> new EmulationRequest.FieldError(sinkField(body, v.setting()), v.value(),
                            "Invalid setting " + v))
                    .toList()));
        } catch (EmulatorException e) {
            return JsonViews.json(400, JsonViews.badRequest(List.of(
                    new EmulationRequest.FieldError(null, null, e.getMessage()))));
        }
    }

    /** @return the request field a sink setting came from: a top-level field, {@code sink_config.KEY}, or else
     *     the spec setting's field */
    private static String sinkField(JsonNode body, String setting) {
        if (EmulationRequest.S3_FIELDS.contains(setting) && body.has(setting)) {
            return setting;
        }
        JsonNode own = body.get(EmulationRequest.SINK_CONFIG);
        if (own != null && own.has(setting)) {
            return EmulationRequest.SINK_CONFIG + "." + setting;
        }
        return EmulationRequest.fieldOf(setting);
    }

    private Router.Response addDomains(InputStream in) throws IOException {
        String text;
        try (in) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<DomainProvider> providers;
        try {
            providers = DeclarativeDomains.parse("request", text);
        } catch (DefinitionException e) {
            ObjectNode node = JsonViews.error(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                    + " in the definition");
            ArrayNode errors = node.putArray("errors");
            for (DefinitionProblem problem : e.problems()) {
                ObjectNode item = errors.addObject();
                item.put("field", problem.path());
                item.put("value", problem.value());
                item.put("line", problem.line());
                item.put("column", problem.column());
                item.put("error", problem.toString());
            }
            return JsonViews.json(400, node);
        }
        List<String> names = new ArrayList<>();
        synchronized (posted) {
            for (DomainProvider provider : providers) {
                if (discovered.contains(provider.name())) {
                    return JsonViews.json(400, JsonViews.badRequest(List.of(new EmulationRequest.FieldError(
                            "domains." + provider.name(), provider.name(), "domain '" + provider.name()
                                    + "' is bundled and cannot be replaced; choose another name"))));
                }
            }
            for (DomainProvider provider : providers) {
                posted.put(provider.name(), provider);
                names.add(provider.name());
            }
            registry = DeclarativeDomains.withDefined(discovered, List.copyOf(posted.values()));
        }
        ObjectNode node = JsonViews.JSON.createObjectNode();
        ArrayNode list = node.putArray("domains");
        names.forEach(list::add);
        return JsonViews.json(201, node);
    }

    private Router.Response status(String id) {
        try {
            return JsonViews.json(200, JsonViews.emulation(emulations.get(id), true, null, sinks));
        } catch (UnknownEmulationException e) {
            return notFound(id);
        }
    }

    private Router.Response stop(String id) {
        Emulation emulation;
        try {
            emulation = emulations.stop(id);
        } catch (UnknownEmulationException e) {
            return notFound(id);
        }
        String shown = null;
        try {
            emulation.awaitCompletion(STOP_WAIT);
        } catch (EmulatorException stillFlushing) {
            shown = "STOPPING";
        }
        return JsonViews.json(202, JsonViews.emulation(emulation, false, shown, sinks));
    }

    private Router.Response resume(String id) {
        Emulation known;
        try {
            known = emulations.get(id);
        } catch (UnknownEmulationException e) {
            return notFound(id);
        }
        if (!EmulatorService.resumable(known)) {
            // running, completed or never resumable: the request is fine, the emulation's state is not
            return idError(409, id, "emulation '" + id + "' cannot be resumed: " + (!known.spec().resume()
                    ? "it was not started with resume=true" : "it is " + known.report().status()));
        }
        try {
            return JsonViews.json(202, JsonViews.emulation(emulations.resume(id), false, null, sinks));
        } catch (UnknownEmulationException e) {
            return notFound(id);
        } catch (EmulatorException e) {
            // resumed meanwhile, or refused at start (settings other than the stored ones)
            return JsonViews.json(400, JsonViews.badRequest(List.of(
                    new EmulationRequest.FieldError(null, null, e.getMessage()))));
        }
    }

    private static Router.Response notFound(String id) {
        return idError(404, id, "no emulation '" + id + "'");
    }

    /** @return an error about the emulation id in the path, naming it as the field {@code id} */
    private static Router.Response idError(int status, String id, String message) {
        var node = JsonViews.error(message);
        node.put("field", "id");
        node.put("value", id);
        return JsonViews.json(status, node);
    }
}
