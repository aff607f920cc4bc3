package dev.runstatus.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.runstatus.lifecycle.Lifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * The query API's HTTP side: {@code GET /runs/{runId}}, {@code GET /auth-sessions/{key}}, and
 * {@code GET /runs?status=started&limit=N&cursor=C&partial=true} (the same for auth sessions). It only
 * checks the credentials and hands the request to a bounded pool ({@link QueryPools}): the HTTP server's
 * threads, which also answer the probes and the scrape, never wait on a query. A full pool answers
 * 503 at once, with {@code Retry-After}.
 */
public final class RunQueryHandler implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RETRY_AFTER_SECONDS = "1";

    private final RunQueries queries;
    private final QueryPools pools;
    private final Optional<byte[]> authorization;
    private final Lifecycle lifecycle;
    private final String path;

    private RunQueryHandler(RunQueries queries, QueryPools pools, Optional<String> authorization, Lifecycle lifecycle) {
        this.queries = queries;
        this.pools = pools;
        this.authorization = authorization.map(value -> value.getBytes(StandardCharsets.UTF_8));
        this.lifecycle = lifecycle;
        this.path = RunQueries.pathOf(lifecycle);
    }

    /** Path to handler, for each family; {@code authorization}: the Authorization header value a request must carry, if any. */
    public static Map<String, HttpHandler> routes(RunQueries queries, QueryPools pools, Optional<String> authorization) {
        Map<String, HttpHandler> routes = new LinkedHashMap<>();
        for (Lifecycle lifecycle : Lifecycle.values()) {
            routes.put(RunQueries.pathOf(lifecycle), new RunQueryHandler(queries, pools, authorization, lifecycle));
        }
        return routes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            try (exchange) {
                exchange.sendResponseHeaders(405, -1);
            }
            return;
        }
        if (!authorized(exchange)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"runstatus\"");
            respond(exchange, Answer.error(401, Answer.UNAUTHORIZED, "the query API needs the credentials in an Authorization header"));
            return;
        }
        Access access = Access.ofHeader(exchange.getRequestHeaders().getFirst(Access.HEADER));
        try {
            pools.submit(access, () -> {
                try {
                    respond(exchange, answer(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), access));
                } catch (IOException | RuntimeException e) {
                    exchange.close();
                }
            });
        } catch (RejectedExecutionException busy) {
            exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
            respond(exchange, Answer.error(503, Answer.BUSY, "the query API is busy (" + pools.threads() + " queries at work and "
                    + pools.waiting() + " waiting); retry in " + RETRY_AFTER_SECONDS + " s"));
        }
    }

    private boolean authorized(HttpExchange exchange) {
        if (authorization.isEmpty()) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(authorization.get(), given.getBytes(StandardCharsets.UTF_8));
    }

    private Answer answer(String requestPath, String rawQuery, Access access) {
        if (requestPath.equals(path) || requestPath.equals(path + "/")) {
            Map<String, String> parameters = parameters(rawQuery);
            ListQuery query;
            try {
                query = new ListQuery(Optional.ofNullable(parameters.get("status")),
                        Integer.parseInt(parameters.getOrDefault("limit", String.valueOf(ListQuery.DEFAULT_LIMIT))),
                        Optional.ofNullable(parameters.get("cursor")), Boolean.parseBoolean(parameters.get("partial")));
            } catch (NumberFormatException e) {
                return Answer.error(400, Answer.BAD_REQUEST, "limit must be a whole number, not " + parameters.get("limit"));
            } catch (IllegalArgumentException e) {
                return Answer.error(400, Answer.BAD_REQUEST, e.getMessage());
            }
            return queries.list(lifecycle, query, access);
        }
        String rest = requestPath.startsWith(path + "/") ? requestPath.substring(path.length() + 1) : "";
        if (rest.isEmpty() || rest.contains("/")) {
            return Answer.error(404, Answer.NO_SUCH_PATH, "no such path: " + requestPath + "; try " + path + "/{key} or "
                    + path + "?status=");
        }
        return queries.one(lifecycle, URLDecoder.decode(rest, StandardCharsets.UTF_8), access);
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        try (exchange) {
            byte[] body = JSON.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
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
