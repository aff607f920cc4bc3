package dev.runstatus.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Asks another instance's query API, found through Kafka Streams' metadata ({@code application.server}).
 * A forwarded request is marked, and the instance that receives it answers from its own stores only,
 * so a request crosses at most one hop whatever the metadata says.
 */
final class RemoteQueries {

    static final String FORWARDED_HEADER = "X-Runstatus-Forwarded";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /** {@code pathAndQuery} is already encoded. */
    RunQueries.Answer get(HostInfo host, String pathAndQuery) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(ANSWER_TIMEOUT).header(FORWARDED_HEADER, "true").GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new RunQueries.Answer(response.statusCode(), JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            return RunQueries.Answer.error(503, "the instance at " + host.host() + ":" + host.port() + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunQueries.Answer.error(503, "interrupted while asking " + host.host() + ":" + host.port());
        }
    }
}
