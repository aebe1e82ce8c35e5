package dev.dataemulator.examples.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStats;
import dev.dataemulator.core.EmulatorException;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.WorkerStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's REST router on the JDK's HTTP server:
 * <ul>
 *   <li>{@code POST /emulator} with {@code {"emulator_sync", "emulation_domain", "timeout", "format_type",
 *       "sync_type", "max_chunk_size", "threads"}} → 202 with the scheduled emulation;</li>
 *   <li>{@code GET /emulator/{id}/status} → status, per-worker status and live stats;</li>
 *   <li>{@code DELETE /emulator/{id}} → graceful stop;</li>
 *   <li>{@code GET /emulator} → every emulation this server started.</li>
 * </ul>
 * Bad input → 400 with {@code {"error", "field", "value"}}; unknown id → 404. Several emulations run at once.
 * {@code GET /} is a browser console over the same API ({@link WebConsole}).
 * Closing stops every running emulation and the server.
 */
public final class EmulatorHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("emulator_sync", "emulation_domain", "timeout", "format_type",
            "sync_type", "max_chunk_size", "threads", "max_records", "rate", "seed");
    private static final Set<String> S3_FIELDS = Set.of("format_type", "sync_type", "max_chunk_size");
    /** Finished emulations kept for status queries; the oldest are forgotten first. */
    private static final int RETAINED = 200;

    private final Map<String, Map<String, String>> sinks;
    private final Map<String, Emulation> emulations = new LinkedHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor;
    private final WebConsole console;

    /**
     * @param address where to listen; port 0 picks a free one
     * @param sinks the sink settings each {@code emulator_sync} value uses (e.g. {@code kafka} → bootstrap servers)
     * @throws IOException when the address cannot be bound
     */
    public EmulatorHttpServer(InetSocketAddress address, Map<String, Map<String, String>> sinks) throws IOException {
        this.sinks = Map.copyOf(sinks);
        this.server = HttpServer.create(address, 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "emulator-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/emulator", this::handle);
        console = WebConsole.register(server, this.sinks.keySet(), () -> snapshot().values());
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
        for (Emulation emulation : snapshot().values()) {
            emulation.close();
        }
    }

    private synchronized Map<String, Emulation> snapshot() {
        return new LinkedHashMap<>(emulations);
    }

    private synchronized void remember(Emulation emulation) {
        emulations.put(emulation.id(), emulation);
        Iterator<Emulation> oldest = emulations.values().iterator();
        while (emulations.size() > RETAINED && oldest.hasNext()) {
            if (oldest.next().status().isTerminal()) {
                oldest.remove();
            }
        }
    }

    private synchronized Emulation find(String id) {
        return emulations.get(id);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
            String method = exchange.getRequestMethod();
            String[] parts = path.split("/");
            // parts: ["", "emulator", id?, "status"?]
            if (parts.length == 2) {
                switch (method) {
                    case "POST" -> startEmulation(exchange);
                    case "GET" -> list(exchange);
                    default -> send(exchange, 405, error("method " + method + " not allowed on /emulator", null, null));
                }
            } else if (parts.length == 4 && parts[3].equals("status") && method.equals("GET")) {
                Emulation emulation = find(parts[2]);
                if (emulation == null) {
                    send(exchange, 404, error("no emulation '" + parts[2] + "'", "id", parts[2]));
                } else {
                    send(exchange, 200, describe(emulation, true));
                }
            } else if (parts.length == 3 && method.equals("DELETE")) {
                Emulation emulation = find(parts[2]);
                if (emulation == null) {
                    send(exchange, 404, error("no emulation '" + parts[2] + "'", "id", parts[2]));
                } else {
                    emulation.stop();
                    send(exchange, 202, describe(emulation, false));
                }
            } else {
                send(exchange, 404, error("no route " + method + " " + path, null, null));
            }
        } catch (RuntimeException e) {
            LOG.error("Request failed", e);
            send(exchange, 500, error("internal error: " + e.getMessage(), null, null));
        }
    }

    private void startEmulation(HttpExchange exchange) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            send(exchange, 400, error("body is not valid JSON: " + e.getOriginalMessage(), null, null));
            return;
        }
        if (body == null || !body.isObject()) {
            send(exchange, 400, error("body must be a JSON object", null, null));
            return;
        }
        try {
            Emulation emulation = EmulationRunner.start(toSpec((ObjectNode) body));
            remember(emulation);
            send(exchange, 202, describe(emulation, false));
        } catch (BadRequest e) {
            send(exchange, 400, error(e.getMessage(), e.field, e.value));
        } catch (InvalidSettingException e) {
            InvalidSettingException.Violation first = e.violations().get(0);
            send(exchange, 400, error(e.getMessage(), fieldOf(first.setting()), first.value()));
        } catch (EmulatorException e) {
            send(exchange, 400, error(e.getMessage(), null, null));
        }
    }

    private EmulationSpec toSpec(ObjectNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BadRequest("unknown field '" + name + "' (known: " + new java.util.TreeSet<>(FIELDS) + ")",
                        name, body.get(name).toString());
            }
        }
        String sink = text(body, "emulator_sync", true);
        Map<String, String> base = sinks.get(sink);
        if (base == null) {
            throw new BadRequest("emulator_sync must be one of " + new java.util.TreeSet<>(sinks.keySet()),
                    "emulator_sync", sink);
        }
        Map<String, String> config = new LinkedHashMap<>(base);
        for (String field : S3_FIELDS) {
            if (body.has(field)) {
                if (!sink.equals("minio")) {
                    throw new BadRequest(field + " applies to the minio sink only", field, body.get(field).asText());
                }
                config.put(field, body.get(field).asText());
            }
        }
        EmulationSpec.Builder builder = EmulationSpec.builder()
                .domain(text(body, "emulation_domain", true))
                .sink(sink, config)
                .threads((int) number(body, "threads", 5))
                .duration(Duration.ofMillis(Math.round(decimal(body, "timeout", 60) * 1000)));
        if (body.has("max_records")) {
            builder.maxRecords(number(body, "max_records", 0));
        }
        if (body.has("rate")) {
            builder.ratePerSecond(decimal(body, "rate", 0));
        }
        if (body.has("seed")) {
            builder.seed(number(body, "seed", 0));
        }
        return builder.build();
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new BadRequest(field + " is required", field, null);
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new BadRequest(field + " must be a string", field, node.toString());
        }
        return node.asText();
    }

    private static long number(JsonNode body, String field, long defaultValue) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BadRequest(field + " must be an integer", field, node.toString());
        }
        return node.asLong();
    }

    private static double decimal(JsonNode body, String field, double defaultValue) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isNumber()) {
            throw new BadRequest(field + " must be a number", field, node.toString());
        }
        double value = node.asDouble();
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new BadRequest(field + " must be positive", field, node.toString());
        }
        return value;
    }

    /** Maps the spec's setting names back to the request's field names. */
    private static String fieldOf(String setting) {
        return switch (setting) {
            case "domain" -> "emulation_domain";
            case "sink" -> "emulator_sync";
            case "duration" -> "timeout";
            case "maxRecords" -> "max_records";
            case "ratePerSecond" -> "rate";
            default -> setting;
        };
    }

    private static ObjectNode describe(Emulation emulation, boolean withWorkers) {
        EmulationSpec spec = emulation.spec();
        ObjectNode node = JSON.createObjectNode();
        node.put("id", emulation.id());
        node.put("status", emulation.status().name());
        node.put("emulator_sync", spec.sinkName().orElse("instance"));
        node.put("emulation_domain", spec.domain());
        node.put("resource", spec.targetResource());
        node.put("threads", spec.threads());
        spec.duration().ifPresent(d -> node.put("timeout", d.toMillis() / 1000.0));
        for (String field : S3_FIELDS) {
            String value = spec.sinkConfig().get(field);
            if (value != null) {
                node.put(field, value);
            }
        }
        EmulationStats stats = emulation.stats();
        ObjectNode statsNode = node.putObject("stats");
        statsNode.put("generated", stats.generated());
        statsNode.put("delivered", stats.delivered());
        statsNode.put("failed", stats.failed());
        statsNode.put("bytes", stats.bytes());
        statsNode.put("elapsed_seconds", stats.elapsed().toMillis() / 1000.0);
        statsNode.put("rate_per_second", Math.round(stats.ratePerSecond()));
        if (withWorkers) {
            ArrayNode workers = node.putArray("workers");
            for (WorkerStatus worker : emulation.workers()) {
                ObjectNode w = workers.addObject();
                w.put("name", worker.name());
                w.put("status", worker.state().name());
                w.put("records", worker.records());
                if (worker.error() != null) {
                    w.put("error", worker.error());
                }
            }
            emulation.report().failure().ifPresent(cause -> node.put("error", cause.toString()));
        }
        return node;
    }

    private void list(HttpExchange exchange) throws IOException {
        ArrayNode array = JSON.createArrayNode();
        snapshot().values().forEach(emulation -> array.add(describe(emulation, false)));
        send(exchange, 200, array);
    }

    private static ObjectNode error(String message, String field, String value) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", message);
        if (field != null) {
            node.put("field", field);
            node.put("value", value);
        }
        return node;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String field;
        final String value;

        BadRequest(String message, String field, String value) {
            super(message);
            this.field = field;
            this.value = value;
        }
    }
}
