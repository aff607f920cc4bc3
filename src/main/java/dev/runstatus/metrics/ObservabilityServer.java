package dev.runstatus.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.runstatus.config.ConfigKeys;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP port for operators and the query API: {@value #METRICS_PATH} in the Prometheus text format,
 * {@value #LIVE_PATH} and {@value #READY_PATH} answering 200 or 503, with a JSON body of state, reason
 * and since-when ({@link InstanceHealth}), and more paths when given (the query API's, which hand their
 * work to pools of their own). The JDK's own HTTP server, on a few threads that only answer these
 * and hand queries on, so that a probe or a scrape never waits behind a query.
 */
public final class ObservabilityServer implements AutoCloseable {

    public static final String METRICS_PATH = "/metrics";
    public static final String LIVE_PATH = "/health/live";
    public static final String READY_PATH = "/health/ready";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** Threads that read requests, answer probes and scrapes, and hand queries to their pools. */
    private static final int THREADS = 4;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server writes a response's headers and body apart; with Nagle's algorithm on, a
        // client's delayed ACK holds every small body back for ~40 ms.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private ObservabilityServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** With more paths beside the three, such as the query API's. */
    public static ObservabilityServer start(InetSocketAddress address, PrometheusMeterRegistry registry, InstanceHealth health,
                                            Map<String, HttpHandler> routes) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics and health on " + address.getHostString() + ":" + address.getPort()
                    + " (" + e.getMessage() + "); choose another port with --http-port or " + ConfigKeys.HTTP_PORT, e);
        }
        server.createContext(METRICS_PATH, exchange -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
        server.createContext(LIVE_PATH, exchange -> answer(exchange, health.live()));
        server.createContext(READY_PATH, exchange -> answer(exchange, health.ready()));
        routes.forEach(server::createContext);
        List<String> paths = new ArrayList<>(List.of(METRICS_PATH, LIVE_PATH, READY_PATH));
        paths.addAll(routes.keySet());
        server.createContext("/", exchange -> respond(exchange, 404, "application/json", "{\"error\":\"no such path: "
                + exchange.getRequestURI().getRawPath().replace("\\", "\\\\").replace("\"", "\\\"") + "; the paths are "
                + String.join(", ", paths) + "\",\"code\":\"no-such-path\"}\n"));
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "runstatus-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new ObservabilityServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, InstanceHealth.Answer answer) throws IOException {
        respond(exchange, answer.up() ? 200 : 503, "application/json", answer.json());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
