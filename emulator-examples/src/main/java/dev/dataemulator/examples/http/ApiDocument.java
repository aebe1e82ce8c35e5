package dev.dataemulator.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The service's description of itself: {@code GET /openapi.json}, an OpenAPI 3 document kept next to the code
 * ({@code openapi.json}, with the project version filled in by the build), and {@code GET /api}, the router's own
 * route table with each route's summary from that document. A route the document does not describe is listed with
 * {@code "documented": false}; {@code EmulatorHttpServerIT} fails on it, and on a documented path no route serves.
 */
final class ApiDocument {
    private static final String RESOURCE = "openapi.json";
    private final JsonNode document;

    private ApiDocument(JsonNode document) {
        this.document = document;
    }

    /**
     * Adds {@code GET /api} and {@code GET /openapi.json} to {@code router}.
     *
     * @param router the service's routes; {@code GET /api} lists them as they are when it is asked
     */
    static void register(Router router) {
        ApiDocument api = new ApiDocument(load());
        router.route("GET", "/api", request -> JsonViews.json(200, api.routes(router)))
                .route("GET", "/openapi.json", request -> JsonViews.json(200, api.document));
    }

    private static JsonNode load() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("'" + RESOURCE + "' is missing from the jar");
            }
            return JsonViews.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"openapi": "openapi.json", "routes": [{"method", "path", "summary", "documented"}]}}. */
    private ObjectNode routes(Router router) {
        ObjectNode node = JsonViews.JSON.createObjectNode();
        node.put("openapi", RESOURCE);
        ArrayNode routes = node.putArray("routes");
        for (Router.Endpoint endpoint : router.endpoints()) {
            JsonNode operation = document.path("paths").path(endpoint.pattern())
                    .path(endpoint.method().toLowerCase(Locale.ROOT));
            ObjectNode route = routes.addObject();
            route.put("method", endpoint.method());
            route.put("path", endpoint.pattern());
            route.put("summary", operation.path("summary").asText(""));
            route.put("documented", operation.isObject());
        }
        return node;
    }
}
