package dev.dataemulator.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.dataemulator.core.BatchEncoder;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.spi.RecordFormat;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulatorException;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser console of the HTTP service and the few read-only routes it needs besides the JSON API:
 * <ul>
 *   <li>{@code GET /} the single-page console ({@code console.css}, {@code console.js} next to it), static files
 *       from the jar that use relative URLs only, so the service works behind a reverse proxy under any path;</li>
 *   <li>{@code GET /domains} the domains with their resource and, when the domain declares one, its typed
 *       schema;</li>
 *   <li>{@code GET /sinks} the values {@code emulator_sync} accepts;</li>
 *   <li>{@code GET /sample?emulation_domain=transaction&seed=7&count=20&envelope=true} records as an emulation with
 *       that seed would emit them, byte for byte as the sinks write JSON (core's {@link BatchEncoder}), made in
 *       memory without starting an emulation;</li>
 *   <li>{@code GET /rates} records per second of every emulation, one sample a second over the last five
 *       minutes.</li>
 * </ul>
 * Closing stops the rate sampler.
 */
final class WebConsole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebConsole.class);
    /** Records the sample panel shows unless {@code count} says otherwise. */
    static final int SAMPLE_COUNT = 20;
    static final int MAX_SAMPLE_COUNT = 1000;
    /** Five minutes of one-second samples. */
    static final int RATE_SAMPLES = 300;
    private static final Set<String> SAMPLE_PARAMETERS = Set.of("emulation_domain", "seed", "count", "envelope");

    private final Set<String> sinks;
    private final Supplier<? extends Collection<Emulation>> emulations;
    private final Supplier<DomainRegistry> domains;
    /**
     * Schemas are fixed per provider and opening a domain can be costly: each provider is described once. Keyed by the
     * provider itself, weakly, so a domain posted again under the same name is described anew and replaced providers
     * are forgotten.
     */
    private final Map<DomainProvider, Optional<JsonNode>> schemas =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private final RateHistory rates = new RateHistory(RATE_SAMPLES);
    private final ScheduledExecutorService sampler;

    private WebConsole(Set<String> sinks, Supplier<? extends Collection<Emulation>> emulations,
            Supplier<DomainRegistry> domains) {
        this.sinks = new TreeSet<>(sinks);
        this.emulations = emulations;
        this.domains = domains;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "emulator-http-rates");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Adds the console's routes to {@code router} and starts sampling rates.
     *
     * @param router the service's routes
     * @param sinks the names {@code emulator_sync} accepts
     * @param emulations the emulations the service knows, in start order
     * @return the console; close it with the server
     */
    static WebConsole register(Router router, Set<String> sinks, Supplier<? extends Collection<Emulation>> emulations) {
        DomainRegistry discovered = DomainRegistry.discover();
        return register(router, sinks, emulations, () -> discovered);
    }

    /**
     * As {@link #register(Router, Set, Supplier)}, with the domains the console lists and samples (read on every
     * request: domains posted to the service appear at once).
     */
    static WebConsole register(Router router, Set<String> sinks, Supplier<? extends Collection<Emulation>> emulations,
            Supplier<DomainRegistry> domains) {
        WebConsole console = new WebConsole(sinks, emulations, domains);
        router.route("GET", "/", request -> file("index.html", "text/html; charset=utf-8"))
                .route("GET", "/console.css", request -> file("console.css", "text/css; charset=utf-8"))
                .route("GET", "/console.js", request -> file("console.js", "text/javascript; charset=utf-8"))
                .route("GET", "/domains", request -> console.domains())
                .route("GET", "/sinks", request -> console.sinks())
                .route("GET", "/sample", request -> console.sample(request.query()))
                .route("GET", "/rates", request -> console.rates());
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

    private static Router.Response file(String name, String contentType) throws IOException {
        try (InputStream in = WebConsole.class.getResourceAsStream("console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console file '" + name + "' is missing from the jar");
            }
            return new Router.Response(200, contentType, in.readAllBytes());
        }
    }

    private Router.Response domains() {
        ArrayNode array = JsonViews.JSON.createArrayNode();
        for (String name : new TreeSet<>(domains.get().domains())) {
            ObjectNode domain = array.addObject();
            domain.put("name", name);
            domain.put("resource", domains.get().resourceFor(name));
            JsonNode schema = schema(name);
            if (schema != null) {
                domain.set("schema", schema);
            }
        }
        return JsonViews.json(200, array);
    }

    /**
     * The typed schema of {@code domain} as {@code {"name", "fields": [{"name", "type", "nullable", "doc"}]}}, nested
     * records as {@code "type": "struct"} with their own {@code "fields"}; {@code null} when the domain declares none.
     */
    private JsonNode schema(String domain) {
        DomainRegistry registry = domains.get();
        return schemas.computeIfAbsent(registry.provider(domain), provider -> {
            try {
                return Optional.of(describe(registry.schema(domain)));
            } catch (EmulatorException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    private static ObjectNode describe(RecordSchema schema) {
        ObjectNode node = JsonViews.JSON.createObjectNode();
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

    private Router.Response sinks() {
        ArrayNode array = JsonViews.JSON.createArrayNode();
        sinks.forEach(array::add);
        return JsonViews.json(200, array);
    }

    private Router.Response rates() {
        ObjectNode node = JsonViews.JSON.createObjectNode();
        node.put("interval_seconds", 1);
        ObjectNode byId = node.putObject("emulations");
        rates.rates().forEach((id, values) -> values.forEach(byId.withArray(id)::add));
        return JsonViews.json(200, node);
    }

    private Router.Response sample(String rawQuery) throws IOException {
        Map<String, String> query = query(rawQuery);
        List<EmulationRequest.FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            if (!SAMPLE_PARAMETERS.contains(parameter.getKey())) {
                errors.add(new EmulationRequest.FieldError(parameter.getKey(), parameter.getValue(),
                        "unknown parameter '" + parameter.getKey() + "' (known: " + new TreeSet<>(SAMPLE_PARAMETERS)
                                + ")"));
            }
        }
        String domain = query.get("emulation_domain");
        TreeSet<String> known = new TreeSet<>(domains.get().domains());
        if (domain == null || domain.isBlank()) {
            errors.add(new EmulationRequest.FieldError("emulation_domain", domain,
                    "emulation_domain is required; known domains: " + known));
        } else if (!domains.get().contains(domain)) {
            errors.add(new EmulationRequest.FieldError("emulation_domain", domain,
                    "Unknown domain '" + domain + "' (known: " + known + ")"));
        }
        long seed = 0;
        String seedText = query.get("seed");
        if (seedText != null && !seedText.isEmpty()) {
            try {
                seed = Long.parseLong(seedText);
            } catch (NumberFormatException e) {
                errors.add(new EmulationRequest.FieldError("seed", seedText, "seed must be an integer"));
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
                errors.add(new EmulationRequest.FieldError("count", countText,
                        "count must be an integer between 1 and " + MAX_SAMPLE_COUNT));
            }
        }
        boolean envelope = true;
        String envelopeText = query.get("envelope");
        if (envelopeText != null && !envelopeText.isEmpty()) {
            envelope = Boolean.parseBoolean(envelopeText);
            if (!envelope && !envelopeText.equalsIgnoreCase("false")) {
                errors.add(new EmulationRequest.FieldError("envelope", envelopeText,
                        "envelope must be true or false"));
            }
        }
        if (!errors.isEmpty()) {
            return JsonViews.json(400, JsonViews.badRequest(errors));
        }
        ObjectNode node = JsonViews.JSON.createObjectNode();
        node.put("emulation_domain", domain);
        node.put("seed", seed);
        node.put("resource", domains.get().resourceFor(domain));
        // the records as the sinks write them (decimals keep their scale: 40.20, not 40.2), not re-encoded here
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        BatchEncoder encoder = new BatchEncoder(RecordFormat.JSON, records);
        for (EmulatedRecord record : Fixtures.of(domain).seed(seed).registry(domains.get()).emulationId("sample")
                .envelope(envelope).records(count)) {
            encoder.add(record);
        }
        encoder.finish();
        node.putRawValue("records", new RawValue(records.toString(StandardCharsets.UTF_8)));
        JsonNode schema = schema(domain);
        if (schema != null) {
            node.set("schema", schema);
        }
        return JsonViews.json(200, node);
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
}
