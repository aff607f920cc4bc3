package dev.runstatus.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the other instances' query API, found through Kafka Streams' metadata ({@code application.server}),
 * without blocking a thread per request: the JDK's HTTP client, on a small pool of its own. Each request
 * is marked as forwarded (the other instance answers from its own stores), carries the query API's
 * credentials, and gives up at its deadline.
 */
public final class Peers implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> BODY = new TypeReference<>() { };

    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "runstatus-query-peers");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private final Duration timeout;
    private final Optional<String> authorization;

    /** {@code timeout}: the longest one request may take; {@code authorization}: the header value the others expect, if any. */
    public Peers(Duration timeout, Optional<String> authorization) {
        this.timeout = timeout;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor).build();
    }

    static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    /** Sends the request now; its answer, or a 503 saying why there is none, once it completes. */
    CompletableFuture<Answer> get(HostInfo host, String pathAndQuery, Access access) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address(host) + pathAndQuery)).timeout(timeout)
                .header(Access.HEADER, access.headerValue()).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> parse(host, response))
                .exceptionally(failure -> Answer.error(503, Answer.INSTANCE_UNAVAILABLE, why(failure)));
    }

    /** The answer, if it comes before {@code untilNanos} (System.nanoTime()); else a 503 saying there was none. */
    Answer await(CompletableFuture<Answer> answer, long untilNanos) {
        try {
            return answer.get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Answer.error(503, Answer.INSTANCE_UNAVAILABLE, "no answer");
        } catch (ExecutionException e) {
            return Answer.error(503, Answer.INSTANCE_UNAVAILABLE, why(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.error(503, Answer.INSTANCE_UNAVAILABLE, "interrupted");
        }
    }

    private static Answer parse(HostInfo host, HttpResponse<byte[]> response) {
        try {
            return new Answer(response.statusCode(), JSON.readValue(response.body(), BODY));
        } catch (IOException e) {
            return Answer.error(503, Answer.INSTANCE_UNAVAILABLE, "the instance at " + address(host) + " answered "
                    + response.statusCode() + " without a query API answer");
        }
    }

    private static String why(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "no answer";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        return cause.getMessage() == null ? "no answer" : cause.getMessage();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
