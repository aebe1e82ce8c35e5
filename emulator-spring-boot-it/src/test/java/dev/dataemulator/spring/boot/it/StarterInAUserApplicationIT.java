package dev.dataemulator.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.EmulatorService;
import dev.dataemulator.testkit.EmbeddedKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

/**
 * The starter as a Spring Boot application gets it (this module imports the BOM and the starter like a user
 * project): the emulation in {@code application.yml} starts with the context and writes into a real broker, its
 * meters are in the application's registry, health is not UP before it starts and UP once it runs, the actuator
 * endpoint lists, starts and stops emulations and names a bad setting in its 400 without any error setting of the
 * application, and closing the context leaves no emulation thread behind.
 */
class StarterInAUserApplicationIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static List<Thread> emulationThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("emulator-")).toList();
    }

    private static long countRecords(String topic, long atLeast) {
        Map<String, Object> config = new java.util.HashMap<>(kafka.clientProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count < atLeast && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        return count;
    }

    private static HttpResponse<String> http(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Asks the application's health over HTTP once the web server has started and before the listed emulations
     * start (the starter is a lifecycle of the last phase; this one runs just before it).
     */
    static final class HealthProbe implements SmartLifecycle {
        static volatile HttpResponse<String> seen;
        private final Environment environment;
        private volatile boolean running;

        HealthProbe(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void start() {
            try {
                seen = http("GET", "http://127.0.0.1:" + environment.getProperty("local.server.port")
                        + "/actuator/health", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return SmartLifecycle.DEFAULT_PHASE - 1;
        }
    }

    @Test
    void anEmulationFromApplicationYmlRunsIsMeteredIsStoppedByTheEndpointAndTheContextClosesCleanly()
            throws Exception {
        assertThat(emulationThreads()).isEmpty();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(UserApplication.class,
                HealthProbe.class)
                .properties("KAFKA=" + kafka.bootstrapServers(), "server.port=0", "server.address=127.0.0.1")
                .run();
        Emulation fromYaml;
        Emulation unbounded;
        try {
            // asked while the web server ran and the listed emulation did not yet: not UP
            assertThat(HealthProbe.seen).isNotNull();
            assertThat(HealthProbe.seen.statusCode()).isEqualTo(503);
            assertThat(HealthProbe.seen.body()).contains(
                    "\"emulations\":{\"details\":{\"emulations\":\"not started yet\"},\"status\":\"OUT_OF_SERVICE\"}");

            EmulatorService service = context.getBean(EmulatorService.class);
            assertThat(service.list()).hasSize(1);
            fromYaml = service.list().get(0);
            assertThat(fromYaml.spec().domain()).isEqualTo("transaction");
            assertThat(fromYaml.spec().sinkName()).contains("kafka");
            assertThat(fromYaml.spec().threads()).isEqualTo(4);
            assertThat(fromYaml.spec().ratePerSecond()).hasValue(2000);

            // the records arrive in the broker
            assertThat(countRecords("transactions", 200)).isGreaterThanOrEqualTo(200);

            // the meters are in the application's registry
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Search delivered = registry.find("emulator.records.delivered").tag("emulation", fromYaml.id())
                    .tag("domain", "transaction").tag("sink", "kafka").tag("resource", "transactions");
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered.functionCounter() != null
                    && delivered.functionCounter().count() >= 200);
            for (String name : List.of("emulator.records.generated", "emulator.records.failed", "emulator.bytes",
                    "emulator.records.in_flight", "emulator.emulations.active")) {
                assertThat(registry.find(name).tag("emulation", fromYaml.id()).meter()).as(name).isNotNull();
            }
            assertThat(registry.get("emulator.emulations.active").tag("emulation", fromYaml.id()).gauge().value())
                    .isEqualTo(1);

            // the endpoint lists it, starts another and stops the first
            String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")
                    + "/actuator/emulations";
            HttpResponse<String> list = http("GET", base, null);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("\"id\":\"" + fromYaml.id() + "\"", "\"status\":\"RUNNING\"");

            HttpResponse<String> started = http("POST", base, "{\"domain\": \"user-profile\", \"sink\": \"kafka\", "
                    + "\"sinkConfig\": \"bootstrap.servers=" + kafka.bootstrapServers() + "\", "
                    + "\"ratePerSecond\": 100, \"id\": \"from-endpoint\"}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            unbounded = service.get("from-endpoint");

            // errors are said without the application enabling Spring Boot's error messages
            HttpResponse<String> bad = http("POST", base, "{\"domain\": \"transacton\", \"sink\": \"kafka\", "
                    + "\"threads\": 0}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("'domain' = 'transacton'", "'threads' = '0'",
                    "\"setting\":\"domain\"", "\"value\":\"transacton\"");
            assertThat(http("GET", base + "/nope", null).statusCode()).isEqualTo(404);
            HttpResponse<String> deleteUnknown = http("DELETE", base + "/nope", null);
            assertThat(deleteUnknown.statusCode()).isEqualTo(404);
            assertThat(deleteUnknown.body()).contains("No emulation 'nope'");

            // health counts the emulation from application.yml, now running
            HttpResponse<String> health = http("GET", base.replace("/emulations", "/health"), null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"emulations\":{\"details\":{\"emulations\":{\"" + fromYaml.id()
                    + "\":\"RUNNING\"}},\"status\":\"UP\"}");

            HttpResponse<String> stopped = http("DELETE", base + "/" + fromYaml.id(), null);
            assertThat(stopped.statusCode()).isEqualTo(200);
            EmulationReport report = fromYaml.awaitCompletion(Duration.ofSeconds(60));
            assertThat(report.status()).isEqualTo(EmulationStatus.STOPPED);
            assertThat(report.stats().failed()).isZero();
            assertThat(report.stats().delivered()).isEqualTo(report.stats().generated());
            assertThat(registry.get("emulator.emulations.active").tag("emulation", fromYaml.id()).gauge().value())
                    .isZero();
            assertThat(unbounded.status().isTerminal()).isFalse();
        } finally {
            context.close();
        }

        // closing the context stopped the one still running and left no emulation thread
        assertThat(unbounded.status()).isEqualTo(EmulationStatus.STOPPED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(emulationThreads()).isEmpty());
    }
}
