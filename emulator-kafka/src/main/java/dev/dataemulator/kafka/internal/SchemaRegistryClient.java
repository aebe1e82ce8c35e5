package dev.dataemulator.kafka.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataemulator.core.SinkException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The few calls of the Confluent Schema Registry API the Kafka sink makes (Confluent's registry, Apicurio's
 * {@code /apis/ccompat/v7}, Karapace, Redpanda): register a schema under a subject, read a subject's latest version.
 * Connection failures and server errors (5xx) are retried until the setup timeout; every other refusal is reported at
 * once. Messages name the registry's URL and the subject, never the password. Thread-safe.
 */
public final class SchemaRegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final RegistrySettings settings;
    private final Duration timeout;
    private final HttpClient http;
    private final String authorization;

    /**
     * @param settings the registry's settings
     * @param timeout how long one call may take, retries included ({@code setup_timeout})
     */
    public SchemaRegistryClient(RegistrySettings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(min(timeout, Duration.ofSeconds(5))).build();
        this.authorization = settings.user() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** A registered schema: its id and text. */
    public record Registered(int id, int version, String schema) {
    }

    /**
     * Checks that the registry answers (lists its subjects).
     *
     * @throws SinkException when it does not within the timeout, or refuses the credentials
     */
    public void ping() {
        call("GET", "/subjects", null, "reaching the schema registry");
    }

    /**
     * Registers {@code schema} under {@code subject}, or finds it registered there already.
     *
     * @param schemaType {@code AVRO} or {@code JSON}
     * @return the schema's id
     * @throws SinkException when the registry refuses it (e.g. incompatible with the subject's versions) or does not
     *     answer within the timeout
     */
    public int register(String subject, String schema, String schemaType) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema);
        if (!schemaType.equals("AVRO")) {
            body.put("schemaType", schemaType);
        }
        JsonNode answer = call("POST", "/subjects/" + segment(subject) + "/versions", body.toString(),
                "registering the schema under subject '" + subject + "'").orElseThrow();
        return answer.path("id").asInt();
    }

    /**
     * @return the latest version registered under {@code subject}, empty when the subject has none
     * @throws SinkException when the registry does not answer within the timeout or refuses the call
     */
    public Optional<Registered> latest(String subject) {
        return call("GET", "/subjects/" + segment(subject) + "/versions/latest", null,
                "reading the latest version of subject '" + subject + "'")
                .map(node -> new Registered(node.path("id").asInt(), node.path("version").asInt(),
                        node.path("schema").asText()));
    }

    /** @return the answer's JSON; empty when the registry answered 404 (no such subject or version) */
    private Optional<JsonNode> call(String method, String path, String body, String what) {
        URI uri = URI.create(settings.url() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(min(timeout, Duration.ofSeconds(10)))
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoffMillis = 100;
        String lastProblem;
        while (true) {
            try {
                HttpResponse<String> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return Optional.of(JSON.readTree(response.body()));
                }
                if (status == 404 && method.equals("GET") && !path.equals("/subjects")) {
                    return Optional.empty();
                }
                String problem = "HTTP " + status + " " + message(response.body());
                if (status < 500) {
                    throw new SinkException("The schema registry at " + settings.url() + " refused " + what + ": "
                            + problem + hint(status));
                }
                lastProblem = problem;
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("Interrupted while " + what + " at " + settings.url(), e);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SinkException("The schema registry at " + settings.url() + " did not answer within "
                        + timeout.toMillis() + " ms while " + what + " (setting 'setup_timeout'; check '"
                        + KafkaSettings.SCHEMA_REGISTRY_URL + "'): " + lastProblem);
            }
            try {
                Thread.sleep(Math.min(backoffMillis, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("Interrupted while " + what + " at " + settings.url(), e);
            }
            backoffMillis = Math.min(1_000, backoffMillis * 2);
        }
    }

    private static String hint(int status) {
        if (status == 401 || status == 403) {
            return "; check '" + KafkaSettings.SCHEMA_REGISTRY_USER + "' and '"
                    + KafkaSettings.SCHEMA_REGISTRY_PASSWORD + "'";
        }
        if (status == 409) {
            return "; the subject's compatibility rule refuses the domain's schema: use another subject ('"
                    + KafkaSettings.SUBJECT_NAME_STRATEGY + "', another topic) or change the rule";
        }
        return "";
    }

    /** @return the registry's error message ({@code {"error_code":..,"message":..}}), or the body's start */
    private static String message(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON
        }
        return body == null ? "" : body.substring(0, Math.min(200, body.length()));
    }

    private static String segment(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
