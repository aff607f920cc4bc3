package dev.runstatus.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.runstatus.lifecycle.Lifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The query API's HTTP side on the metrics port: {@code GET /runs/{runId}}, {@code GET /auth-sessions/{key}},
 * and {@code GET /runs?status=started&limit=N} (and the same for auth sessions).
 */
public final class RunQueryHandler implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunQueries queries;
    private final Lifecycle lifecycle;
    private final String path;

    private RunQueryHandler(RunQueries queries, Lifecycle lifecycle) {
        this.queries = queries;
        this.lifecycle = lifecycle;
        this.path = RunQueries.pathOf(lifecycle);
    }

    /** Path to handler, for each family. */
    public static Map<String, HttpHandler> routes(RunQueries queries) {
        Map<String, HttpHandler> routes = new LinkedHashMap<>();
        for (Lifecycle lifecycle : Lifecycle.values()) {
            routes.put(RunQueries.pathOf(lifecycle), new RunQueryHandler(queries, lifecycle));
        }
        return routes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            boolean forwarded = exchange.getRequestHeaders().containsKey(RemoteQueries.FORWARDED_HEADER);
            RunQueries.Answer answer = answer(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), forwarded);
            byte[] body = JSON.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private RunQueries.Answer answer(String requestPath, String rawQuery, boolean forwarded) {
        if (requestPath.equals(path) || requestPath.equals(path + "/")) {
            Map<String, String> parameters = parameters(rawQuery);
            int limit;
            try {
                limit = Integer.parseInt(parameters.getOrDefault("limit", String.valueOf(RunQueries.DEFAULT_LIMIT)));
            } catch (NumberFormatException e) {
                return new RunQueries.Answer(400, Map.of("error", "limit must be a whole number, not " + parameters.get("limit")));
            }
            return queries.list(lifecycle, Optional.ofNullable(parameters.get("status")), limit, forwarded);
        }
        String rest = requestPath.startsWith(path + "/") ? requestPath.substring(path.length() + 1) : "";
        if (rest.isEmpty() || rest.contains("/")) {
            return new RunQueries.Answer(404, Map.of("error", "no such path: " + requestPath + "; try " + path + "/{key} or "
                    + path + "?status="));
        }
        return queries.one(lifecycle, URLDecoder.decode(rest, StandardCharsets.UTF_8), forwarded);
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }
}
