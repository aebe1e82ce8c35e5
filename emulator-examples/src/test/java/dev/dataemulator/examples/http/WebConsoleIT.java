package dev.dataemulator.examples.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.SinkRegistry;
import dev.dataemulator.examples.EmulatorCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's page and read-only endpoints over real HTTP, next to the unchanged JSON API. */
class WebConsoleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmulatorHttpServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new EmulatorHttpServer(new InetSocketAddress("127.0.0.1", 0), Map.of("memory", Map.of(),
                "kafka", Map.of("bootstrap.servers", "127.0.0.1:1")));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static HttpResponse<String> call(String method, String path) throws Exception {
        return call(method, path, null);
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(server, method, path, body);
    }

    private static HttpResponse<String> call(EmulatorHttpServer target, String method, String path, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    @Test
    void theConsoleIsServedFromTheJarWithRelativeUrlsOnly() throws Exception {
        HttpResponse<String> page = call("GET", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("href=\"console.css\"", "src=\"console.js\"")
                .doesNotContain("=\"/", "http://", "https://");

        HttpResponse<String> script = call("GET", "/console.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("api('GET', 'emulator')", "api('POST', 'emulator'")
                .doesNotContain("'/emulator", "http://", "https://");
        assertThat(call("GET", "/console.css").body()).contains(".chart").doesNotContain("url(", "@import");

    }

    @Test
    void pathsOutsideTheApiAnswer404AndOtherMethods405() throws Exception {
        HttpResponse<String> missing = call("GET", "/index.php");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).isEqualTo("no route GET /index.php");
        assertThat(call("GET", "/domains/transaction").statusCode()).isEqualTo(404);

        HttpResponse<String> post = call("POST", "/", "{}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(json(post).get("error").asText()).isEqualTo("method POST not allowed on / (allowed: GET)");
        assertThat(call("DELETE", "/sample").statusCode()).isEqualTo(405);
    }

    @Test
    void domainsAndSinksListWhatTheStartFormOffers() throws Exception {
        JsonNode domains = json(call("GET", "/domains"));
        assertThat(domains.findValuesAsText("name")).contains("device-log", "transaction", "user-profile");
        assertThat(domains.findValuesAsText("resource")).contains("device-logs", "transactions", "user-profiles");
        // every sink on the class path, configured by the server or not, as the command line offers them
        List<String> sinks = new ArrayList<>();
        json(call("GET", "/sinks")).forEach(name -> sinks.add(name.asText()));
        assertThat(sinks).containsAll(SinkRegistry.discover().names()).contains("file", "kafka", "memory", "minio",
                "stdout").isSorted();
    }

    @Test
    void aDomainPostedToTheServiceIsListedAndSampledByTheConsoleAtOnce() throws Exception {
        // a server of its own: posted domains would change what the other tests' messages list
        try (EmulatorHttpServer own = new EmulatorHttpServer(new InetSocketAddress("127.0.0.1", 0),
                Map.of("memory", Map.of()))) {
            own.start();
            postAndSample(own);
        }
    }

    private static void postAndSample(EmulatorHttpServer own) throws Exception {
        HttpResponse<String> added = call(own, "POST", "/domains", """
                version: 1
                domains:
                  console_parcels:
                    resource: parcels
                    fields:
                      parcel_id: {sequence: {start: 1}}
                      weight_kg: {double: {min: 0.1, max: 30}}
                """);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

        JsonNode domains = json(call(own, "GET", "/domains", null));
        assertThat(domains.findValuesAsText("name")).contains("console_parcels", "transaction");
        HttpResponse<String> sample = call(own, "GET", "/sample?emulation_domain=console_parcels&seed=3&count=2",
                null);
        assertThat(sample.statusCode()).as(sample.body()).isEqualTo(200);
        JsonNode records = json(sample).get("records");
        assertThat(records).hasSize(2);
        assertThat(records.get(1).get("data").get("parcel_id").asLong()).isEqualTo(2);
        assertThat(schemaFields(own, "console_parcels")).containsExactly("parcel_id", "weight_kg");

        // posted again with another shape: the console describes the new definition, not the one it saw first
        HttpResponse<String> replaced = call(own, "POST", "/domains", """
                version: 1
                domains:
                  console_parcels:
                    fields:
                      parcel_id: {sequence: {start: 1}}
                      carrier: {one_of: [dhl, ups]}
                """);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(201);
        assertThat(schemaFields(own, "console_parcels")).containsExactly("parcel_id", "carrier");
    }

    private static List<String> schemaFields(EmulatorHttpServer target, String domain) throws Exception {
        for (JsonNode node : json(call(target, "GET", "/domains", null))) {
            if (node.get("name").asText().equals(domain)) {
                return node.get("schema").get("fields").findValuesAsText("name");
            }
        }
        throw new AssertionError("domain " + domain + " not listed");
    }

    @Test
    void aSampleIsTheFirstRecordsOfAnEmulationWithThatSeedAndStartsNothing() throws Exception {
        int emulations = json(call("GET", "/emulator")).size();
        HttpResponse<String> response = call("GET", "/sample?emulation_domain=transaction&seed=7");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sample = json(response);
        assertThat(sample.get("emulation_domain").asText()).isEqualTo("transaction");
        assertThat(sample.get("seed").asLong()).isEqualTo(7);
        assertThat(sample.get("resource").asText()).isEqualTo("transactions");
        List<String> ids = new ArrayList<>();
        sample.get("records").forEach(record -> ids.add(record.get("data").get("transaction_id").asText()));
        assertThat(ids).hasSize(WebConsole.SAMPLE_COUNT)
                .isEqualTo(Fixtures.of("transaction").seed(7).records(20).stream().map(EmulatedRecord::key).toList());
        assertThat(sample.get("records").get(0).get("emulation_id").asText()).isEqualTo("sample");

        assertThat(json(call("GET", "/sample?emulation_domain=device-log&count=3")).get("records")).hasSize(3);
        assertThat(json(call("GET", "/emulator"))).hasSize(emulations);
    }

    @Test
    void aSampleIsByteForByteWhatTheCommandLineWrites() throws Exception {
        // the command line's JSON array of the same records: what every sink writes for them
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = EmulatorCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                "sample", "--domain", "transaction", "--seed", "11", "-n", "50", "--no-envelope", "--format", "json");
        assertThat(exit).isZero();
        String cli = out.toString(StandardCharsets.UTF_8).strip();
        // decimals keep their scale there (40.20): what a re-encoding would lose
        assertThat(cli).containsPattern("\"amount\":\\d+\\.\\d0[,}]");

        HttpResponse<String> sample = call("GET", "/sample?emulation_domain=transaction&seed=11&count=50&envelope=false");
        assertThat(sample.statusCode()).isEqualTo(200);
        assertThat(sample.body()).contains("\"records\":" + cli + ",");
        assertThat(json(call("GET", "/sample?emulation_domain=transaction&envelope=maybe")).get("field").asText())
                .isEqualTo("envelope");
    }

    @Test
    void theRouteListAndTheOpenApiDocumentDescribeEveryRouteTheServiceHas() throws Exception {
        JsonNode api = json(call("GET", "/api"));
        JsonNode document = json(call("GET", "/openapi.json"));
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.get("info").get("version").asText()).doesNotContain("${").isNotBlank();

        Set<String> served = new TreeSet<>();
        for (JsonNode route : api.get("routes")) {
            String name = route.get("method").asText() + " " + route.get("path").asText();
            served.add(name);
            assertThat(route.get("documented").asBoolean()).as(name + " is in openapi.json").isTrue();
            assertThat(route.get("summary").asText()).as(name).isNotBlank();
        }
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertThat(documented).isEqualTo(served);
        assertThat(served).contains("POST /emulator", "POST /domains", "GET /sinks", "GET /rates", "GET /api",
                "GET /openapi.json");

        // the request body's documented fields are the ones the service accepts
        Set<String> fields = new TreeSet<>();
        document.get("components").get("schemas").get("EmulationRequest").get("properties").fieldNames()
                .forEachRemaining(fields::add);
        assertThat(fields).isEqualTo(new TreeSet<>(EmulationRequest.FIELDS));
        // so are the sample's parameters
        assertThat(document.get("paths").get("/sample").get("get").get("parameters").findValuesAsText("name"))
                .containsExactlyInAnyOrder("emulation_domain", "seed", "count", "envelope");
    }

    @Test
    void badSampleParametersAnswer400ListingEveryErrorWithItsField() throws Exception {
        HttpResponse<String> response = call("GET", "/sample?emulation_domain=shipment&seed=abc&count=0&colour=red");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).startsWith("4 invalid fields: unknown parameter 'colour'");
        assertThat(body.get("field").asText()).isEqualTo("colour");
        assertThat(body.get("errors").findValuesAsText("field"))
                .containsExactly("colour", "emulation_domain", "seed", "count");
        assertThat(body.get("errors").findValuesAsText("error")).containsExactly(
                "unknown parameter 'colour' (known: [count, emulation_domain, envelope, seed])",
                "Unknown domain 'shipment' (known: [device-log, order, transaction, user-profile])",
                "seed must be an integer",
                "count must be an integer between 1 and 1000");
        assertThat(body.get("errors").findValuesAsText("value")).containsExactly("red", "shipment", "abc", "0");

        JsonNode missing = json(call("GET", "/sample?count=5000"));
        assertThat(missing.get("errors").findValuesAsText("field")).containsExactly("emulation_domain", "count");
        assertThat(missing.get("errors").get(0).get("error").asText())
                .isEqualTo("emulation_domain is required; known domains: [device-log, order, transaction, user-profile]");
    }

    @Test
    void ratesHoldOneSampleASecondOfEachEmulation() throws Exception {
        HttpResponse<String> started = call("POST", "/emulator", """
                {"emulator_sync": "memory", "emulation_domain": "device-log", "threads": 1, "rate": 500}""");
        assertThat(started.statusCode()).isEqualTo(202);
        String id = json(started).get("id").asText();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode rates = json(call("GET", "/rates"));
                assertThat(rates.get("interval_seconds").asInt()).isOne();
                JsonNode samples = rates.get("emulations").get(id);
                assertThat(samples).isNotNull();
                assertThat(samples.size()).isGreaterThanOrEqualTo(2);
                assertThat(samples.get(samples.size() - 1).asLong()).isPositive();
            });
        } finally {
            assertThat(call("DELETE", "/emulator/" + id).statusCode()).isEqualTo(202);
        }
    }
}
