package dev.dataemulator.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulatorException;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser console of the HTTP service and the few read-only endpoints it needs besides the JSON API:
 * <ul>
 *   <li>{@code GET /} the single-page console ({@code console.css}, {@code console.js} next to it), static files
 *       from the jar that use relative URLs only, so the service works behind a reverse proxy under any path;</li>
 *   <li>{@code GET /domains} the domains with their resource and, when the domain declares one, its typed
 *       schema;</li>
 *   <li>{@code GET /sinks} the values {@code emulator_sync} accepts;</li>
 *   <li>{@code GET /sample?emulation_domain=transaction&seed=7&count=20} records as an emulation with that seed
 *       would emit them, made in memory without starting an emulation;</li>
 *   <li>{@code GET /rates} records per second of every emulation, one sample a second over the last five
 *       minutes.</li>
 * </ul>
 * Any other path outside the JSON API answers 404. Closing stops the rate sampler.
 */
final class WebConsole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebConsole.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Records the sample panel shows unless {@code count} says otherwise. */
    static final int SAMPLE_COUNT = 20;
    static final int MAX_SAMPLE_COUNT = 1000;
    /** Five minutes of one-second samples. */
    static final int RATE_SAMPLES = 300;
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/console.css", "console.css",
            "/console.js", "console.js");

    private final Set<String> sinks;
    private final Supplier<Collection<Emulation>> emulations;
    private final DomainRegistry domains;
    /** Schemas are fixed per domain and opening a domain can be costly: each is described once. */
    private final Map<String, Optional<JsonNode>> schemas = new ConcurrentHashMap<>();
    private final RateHistory rates = new RateHistory(RATE_SAMPLES);
    private final ScheduledExecutorService sampler;

    private WebConsole(Set<String> sinks, Supplier<Collection<Emulation>> emulations, DomainRegistry domains) {
        this.sinks = new TreeSet<>(sinks);
        this.domains = domains;
        this.emulations = emulations;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "emulator-http-rates");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Adds the console's routes to {@code server} and starts sampling rates.
     *
     * @param server the service's server, not started yet or running
     * @param sinks the names {@code emulator_sync} accepts
     * @param emulations the emulations the service knows, in start order
     * @return the console; close it with the server
     */
    static WebConsole register(HttpServer server, Set<String> sinks, Supplier<Collection<Emulation>> emulations) {
        return register(server, sinks, emulations, DomainRegistry.discover());
    }

    /** As {@link #register(HttpServer, Set, Supplier)}, with the domains the console lists and samples. */
    static WebConsole register(HttpServer server, Set<String> sinks, Supplier<Collection<Emulation>> emulations,
            DomainRegistry domains) {
        WebConsole console = new WebConsole(sinks, emulations, domains);
        server.createContext("/", console.guard(console::file));
        server.createContext("/domains", console.guard(console::domains));
        server.createContext("/sinks", console.guard(console::sinks));
        server.createContext("/sample", console.guard(console::sample));
        server.createContext("/rates", console.guard(console::rates));
        console.sampler.scheduleAtFixedRate(console::sampleRates, 1, 1, TimeUnit.SECONDS);
        return console;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    private void sampleRates() {
        try {
            rates.sample(emulations.get().stream().map(RateHistory.Reading::of).toList(), System.nanoTime());
        } catch (RuntimeException e) {
            LOG.warn("Sampling emulation rates failed", e);
        }
    }

    private interface Route {
        void answer(HttpExchange exchange, String path) throws IOException;
    }

    /** Every console route is read-only and exact: other methods 405, other paths 404. */
    private HttpHandler guard(Route route) {
        return exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String method = exchange.getRequestMethod();
                boolean known = FILES.containsKey(path) || path.equals(exchange.getHttpContext().getPath());
                if (!known) {
                    send(exchange, 404, error("no route " + method + " " + path, null, null));
                } else if (!method.equals("GET") && !method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(exchange, 405, error("method " + method + " not allowed on " + path, null, null));
                } else {
                    route.answer(exchange, path);
                }
            } catch (RuntimeException e) {
                LOG.error("Request failed", e);
                send(exchange, 500, error("internal error: " + e.getMessage(), null, null));
            }
        };
    }

    private void file(HttpExchange exchange, String path) throws IOException {
        String name = FILES.get(path);
        byte[] bytes;
        try (InputStream in = WebConsole.class.getResourceAsStream("console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console file '" + name + "' is missing from the jar");
            }
            bytes = in.readAllBytes();
        }
        String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void domains(HttpExchange exchange, String path) throws IOException {
        ArrayNode array = JSON.createArrayNode();
        for (String name : new TreeSet<>(domains.domains())) {
            ObjectNode domain = array.addObject();
            domain.put("name", name);
            domain.put("resource", domains.resourceFor(name));
            JsonNode schema = schema(name);
            if (schema != null) {
                domain.set("schema", schema);
            }
        }
        send(exchange, 200, array);
    }

    /**
     * The typed schema of {@code domain} as {@code {"name", "fields": [{"name", "type", "nullable", "doc"}]}}, nested
     * records as {@code "type": "struct"} with their own {@code "fields"}; {@code null} when the domain declares none.
     */
    private JsonNode schema(String domain) {
        return schemas.computeIfAbsent(domain, name -> {
            try {
                return Optional.of(describe(domains.schema(name)));
            } catch (EmulatorException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    private static ObjectNode describe(RecordSchema schema) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", schema.name());
        ArrayNode fields = node.putArray("fields");
        for (RecordSchema.Field field : schema.fields()) {
            ObjectNode f = fields.addObject();
            f.put("name", field.name());
            boolean struct = field.type().kind() == FieldType.Kind.STRUCT;
            f.put("type", struct ? "struct" : field.type().toString());
            f.put("nullable", field.nullable());
            f.put("doc", field.doc());
            if (struct) {
                f.set("fields", describe(field.type().fields()).get("fields"));
            }
        }
        return node;
    }

    private void sinks(HttpExchange exchange, String path) throws IOException {
        ArrayNode array = JSON.createArrayNode();
        sinks.forEach(array::add);
        send(exchange, 200, array);
    }

    private void rates(HttpExchange exchange, String path) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("interval_seconds", 1);
        ObjectNode byId = node.putObject("emulations");
        rates.rates().forEach((id, values) -> values.forEach(byId.withArray(id)::add));
        send(exchange, 200, node);
    }

    private void sample(HttpExchange exchange, String path) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        List<ObjectNode> errors = new ArrayList<>();
        for (String name : query.keySet()) {
            if (!Set.of("emulation_domain", "seed", "count").contains(name)) {
                errors.add(error("unknown parameter '" + name + "' (known: [count, emulation_domain, seed])",
                        name, query.get(name)));
            }
        }
        String domain = query.get("emulation_domain");
        if (domain == null || domain.isBlank()) {
            errors.add(error("emulation_domain is required; known domains: " + new TreeSet<>(domains.domains()),
                    "emulation_domain", domain));
        } else if (!domains.contains(domain)) {
            errors.add(error("Unknown domain '" + domain + "' (known: " + new TreeSet<>(domains.domains()) + ")",
                    "emulation_domain", domain));
        }
        long seed = 0;
        String seedText = query.get("seed");
        if (seedText != null && !seedText.isEmpty()) {
            try {
                seed = Long.parseLong(seedText);
            } catch (NumberFormatException e) {
                errors.add(error("seed must be an integer", "seed", seedText));
            }
        }
        int count = SAMPLE_COUNT;
        String countText = query.get("count");
        if (countText != null && !countText.isEmpty()) {
            try {
                count = Integer.parseInt(countText);
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > MAX_SAMPLE_COUNT) {
                errors.add(error("count must be an integer between 1 and " + MAX_SAMPLE_COUNT, "count", countText));
            }
        }
        if (!errors.isEmpty()) {
            send(exchange, 400, errors(errors));
            return;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("emulation_domain", domain);
        node.put("seed", seed);
        node.put("resource", domains.resourceFor(domain));
        ArrayNode records = node.putArray("records");
        for (EmulatedRecord record : Fixtures.of(domain).seed(seed).registry(domains).emulationId("sample")
                .records(count)) {
            records.add(JSON.readTree(record.json()));
        }
        JsonNode schema = schema(domain);
        if (schema != null) {
            node.set("schema", schema);
        }
        send(exchange, 200, node);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    /** One error in the service's 400 shape: {@code {"error", "field", "value"}}. */
    private static ObjectNode error(String message, String field, String value) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", message);
        if (field != null) {
            node.put("field", field);
            node.put("value", value);
        }
        return node;
    }

    /** Several errors: the first one's fields at the top level (as for one error), all of them in {@code errors}. */
    private static ObjectNode errors(List<ObjectNode> errors) {
        ObjectNode node = errors.get(0).deepCopy();
        if (errors.size() > 1) {
            StringBuilder message = new StringBuilder("Invalid parameters (" + errors.size() + "):");
            errors.forEach(e -> message.append(" - ").append(e.get("error").asText()));
            node.put("error", message.toString());
        }
        node.putArray("errors").addAll(errors);
        return node;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
