package dev.dataemulator.examples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table of routes, {@code METHOD /path/{param}} to a handler, matched exactly segment by segment: a path no route
 * knows answers 404, a known path with another method 405 (with an {@code Allow} header), a handler's unexpected
 * failure 500. One trailing slash is tolerated. Thread-safe once built.
 */
final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** What a handler receives: the method, the path, the raw query string (or {@code null}), the path parameters
     * and the body. */
    record Request(String method, String path, String query, Map<String, String> params, InputStream body) {
        String param(String name) {
            return params.get(name);
        }
    }

    /** What a handler answers: a status, a content type and the bytes of the body. */
    record Response(int status, String contentType, byte[] body) {
    }

    /** Answers one route. */
    @FunctionalInterface
    interface Handler {
        Response handle(Request request) throws IOException;
    }

    /** A route as documented: its method and path pattern, e.g. {@code GET /emulator/{id}/status}. */
    record Endpoint(String method, String pattern) {
    }

    private record Route(Endpoint endpoint, String method, String[] segments, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final ErrorBodies errors;

    /** Makes the bodies of the router's own error answers (404, 405, 500). */
    @FunctionalInterface
    interface ErrorBodies {
        Response error(int status, String message);
    }

    Router(ErrorBodies errors) {
        this.errors = errors;
    }

    /**
     * Adds a route.
     *
     * @param method {@code GET}, {@code POST}, ...
     * @param pattern e.g. {@code /emulator/{id}/status}; a segment in braces matches any one segment
     * @param handler what answers it
     * @return this router
     */
    Router route(String method, String pattern, Handler handler) {
        routes.add(new Route(new Endpoint(method, pattern), method, split(pattern), handler));
        return this;
    }

    /** @return every route, in the order they were added */
    List<Endpoint> endpoints() {
        return routes.stream().map(Route::endpoint).toList();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Response response;
            try {
                response = dispatch(method, path, exchange);
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", method, path, e);
                response = errors.error(500, "internal error: " + e.getMessage());
            }
            send(exchange, response);
        }
    }

    private Response dispatch(String method, String path, HttpExchange exchange) throws IOException {
        String[] segments = split(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1)
                : path);
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.segments, segments);
            if (params == null) {
                continue;
            }
            if (route.method.equals(method)) {
                return route.handler.handle(new Request(method, path, exchange.getRequestURI().getRawQuery(), params,
                        exchange.getRequestBody()));
            }
            allowed.add(route.method);
        }
        if (allowed.isEmpty()) {
            return errors.error(404, "no route " + method + " " + path);
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
        return errors.error(405, "method " + method + " not allowed on " + path + " (allowed: "
                + String.join(", ", allowed) + ")");
    }

    private static Map<String, String> match(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), segments[i]);
            } else if (!p.equals(segments[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        return path.split("/", -1);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        if (response.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
