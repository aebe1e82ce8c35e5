package dev.dataemulator.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.dataemulator.core.SinkException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry client's HTTP behaviour against a scripted loopback server (a real registry backs
 * KafkaSchemaRegistryIT): basic auth, retries of 5xx within the timeout, refusals reported at once with the registry's
 * message and a hint naming the setting, never the password.
 */
class SchemaRegistryClientTest {
    private static final String PASSWORD = "registry-secret-value";

    private HttpServer server;
    private final Deque<int[]> statuses = new ArrayDeque<>();
    private final List<String> authorizations = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int[] next = statuses.isEmpty() ? new int[] {200} : statuses.poll();
            String answer = next[0] == 200 ? "{\"id\":42}" : "{\"error_code\":" + next[0] + "42,\"message\":\"scripted "
                    + next[0] + "\"}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(next[0], bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SchemaRegistryClient client(Duration timeout) {
        return new SchemaRegistryClient(new RegistrySettings("http://127.0.0.1:" + server.getAddress().getPort(),
                "emulator", PASSWORD, SubjectNameStrategy.TOPIC, true), timeout);
    }

    @Test
    void registersWithBasicAuthAndTheSchemaTypeOfJsonSchema() {
        assertThat(client(Duration.ofSeconds(5)).register("t-value", "{\"type\":\"object\"}", "JSON")).isEqualTo(42);

        assertThat(authorizations).containsExactly("Basic " + Base64.getEncoder().encodeToString(
                ("emulator:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(bodies.get(0)).isEqualTo("{\"schema\":\"{\\\"type\\\":\\\"object\\\"}\",\"schemaType\":\"JSON\"}");
    }

    @Test
    void serverErrorsAreRetriedWithinTheTimeout() {
        statuses.add(new int[] {503});
        statuses.add(new int[] {500});

        assertThat(client(Duration.ofSeconds(10)).register("t-value", "\"long\"", "AVRO")).isEqualTo(42);
        assertThat(bodies).hasSize(3).allMatch(body -> body.equals("{\"schema\":\"\\\"long\\\"\"}"));
    }

    @Test
    void serverErrorsPastTheTimeoutFailNamingTheSetting() {
        for (int i = 0; i < 1_000; i++) {
            statuses.add(new int[] {503});
        }
        assertThatThrownBy(() -> client(Duration.ofMillis(500)).register("t-value", "\"long\"", "AVRO"))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("did not answer within 500 ms while registering the schema under subject "
                        + "'t-value' (setting 'setup_timeout'; check 'schema_registry_url'): HTTP 503 scripted 503");
    }

    @Test
    void refusalsAreReportedAtOnceWithTheRegistrysMessageAndAHint() {
        statuses.add(new int[] {409});
        assertThatThrownBy(() -> client(Duration.ofSeconds(30)).register("t-value", "\"long\"", "AVRO"))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("refused registering the schema under subject 't-value': HTTP 409 scripted 409")
                .hasMessageContaining("compatibility rule");
        statuses.add(new int[] {401});
        assertThatThrownBy(() -> client(Duration.ofSeconds(30)).ping())
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("HTTP 401 scripted 401; check 'schema_registry_user' and "
                        + "'schema_registry_password'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
        assertThat(bodies).hasSize(2);
    }

    @Test
    void aMissingSubjectHasNoLatestVersion() {
        statuses.add(new int[] {404});
        assertThat(client(Duration.ofSeconds(5)).latest("t-value")).isEmpty();
    }
}
