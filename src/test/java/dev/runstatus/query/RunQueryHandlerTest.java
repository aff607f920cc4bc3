package dev.runstatus.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.lifecycle.LifecycleDriver;
import dev.runstatus.metrics.Health;
import dev.runstatus.metrics.InstanceHealth;
import dev.runstatus.metrics.ObservabilityServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query API over HTTP, answering from a test driver's stores. */
class RunQueryHandlerTest {

    private static final String RUN = "V1StGXR8_Z5jdHi6B-myT";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;
    private final AtomicReference<KafkaStreams.State> streamsState = new AtomicReference<>(KafkaStreams.State.RUNNING);
    private final HttpClient http = HttpClient.newHttpClient();
    private LifecycleDriver driver;
    private ObservabilityServer server;
    private QueryPools pools;
    private Peers peers;

    @BeforeEach
    void start() {
        driver = new LifecycleDriver(state);
        serve(true);
    }

    private void serve(boolean enabled) {
        serve(enabled, Optional.empty());
    }

    private void serve(boolean enabled, Optional<String> authorization) {
        stopServer();
        pools = new QueryPools(2, 2);
        peers = new Peers(Duration.ofSeconds(2), authorization);
        server = ObservabilityServer.start(new InetSocketAddress("127.0.0.1", 0), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new InstanceHealth(Map.of("lifecycle", new Health(streamsState::get, Clock.systemUTC()))),
                RunQueryHandler.routes(new RunQueries(enabled ? Optional.of(driver.stores(streamsState::get)) : Optional.empty(),
                        "the lifecycle is off (runstatus.lifecycle.enabled=false)", peers, Duration.ofSeconds(2)), pools, authorization));
    }

    private void stopServer() {
        if (server != null) {
            server.close();
            pools.close();
            peers.close();
        }
    }

    @AfterEach
    void stop() {
        stopServer();
        driver.close();
    }

    @Test
    void aKnownRunIsAnsweredWithItsStateAndAnUnknownOneIs404() throws Exception {
        driver.run(RUN, "pending", 0);
        driver.run(RUN, "started", 5);

        HttpResponse<String> found = get("/runs/" + RUN);
        assertEquals(200, found.statusCode());
        assertEquals("application/json", found.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(JSON.readTree("""
                {"key":"V1StGXR8_Z5jdHi6B-myT","family":"run-result","status":"started","terminal":false,
                 "firstSeen":"2026-11-20T09:00:00Z","statusSince":"2026-11-20T09:05:00Z","lastReport":"2026-11-20T09:05:00Z",
                 "reports":2,"history":[{"status":"pending","at":"2026-11-20T09:00:00Z"},{"status":"started","at":"2026-11-20T09:05:00Z"}],
                 "stalledAt":null,"closed":null}"""), JSON.readTree(found.body()));

        HttpResponse<String> unknown = get("/runs/nope");
        assertEquals(404, unknown.statusCode());
        assertEquals(JSON.readTree("{\"error\":\"no run-result with key nope\",\"code\":\"run-not-found\"}"),
                JSON.readTree(unknown.body()));
    }

    @Test
    void authSessionsAreAnsweredByTheirOperationKey() throws Exception {
        driver.authSession("op 1", "in_progress", 0);

        HttpResponse<String> found = get("/auth-sessions/op%201");
        assertEquals(200, found.statusCode());
        assertEquals("in_progress", JSON.readTree(found.body()).get("status").asText());
        assertEquals(404, get("/runs/op%201").statusCode());
    }

    @Test
    void aListIsFilteredByStatusAndPagedInKeyOrderWithACursor() throws Exception {
        driver.run(RUN, "started", 0);
        driver.run("Uakgb_J5m9g-0JDMbcJqL", "started", 1);
        driver.run("AAAAAAAAAAAAAAAAAAAAA", "completed", 2);
        driver.run("BBBBBBBBBBBBBBBBBBBBB", "started", 3);

        JsonNode started = JSON.readTree(get("/runs?status=started").body());
        assertEquals(3, started.get("count").asInt());
        assertEquals(List.of("BBBBBBBBBBBBBBBBBBBBB", "Uakgb_J5m9g-0JDMbcJqL", RUN), keys(started));
        assertTrue(started.get("next").isNull(), "one page holds them all");
        assertEquals(false, started.get("partial").asBoolean());

        JsonNode first = JSON.readTree(get("/runs?status=started&limit=2").body());
        assertEquals(List.of("BBBBBBBBBBBBBBBBBBBBB", "Uakgb_J5m9g-0JDMbcJqL"), keys(first));
        JsonNode second = JSON.readTree(get("/runs?status=started&limit=2&cursor=" + first.get("next").asText()).body());
        assertEquals(List.of(RUN), keys(second));
        assertTrue(second.get("next").isNull());
        assertEquals(4, JSON.readTree(get("/runs").body()).get("count").asInt());
        assertEquals(400, get("/runs?cursor=%25%25").statusCode());
    }

    private static List<String> keys(JsonNode page) {
        List<String> keys = new java.util.ArrayList<>();
        page.get("runs").forEach(run -> keys.add(run.get("key").asText()));
        return keys;
    }

    @Test
    void badParametersAndPathsAreRefusedWithTheReason() throws Exception {
        HttpResponse<String> wrongStatus = get("/runs?status=done");
        assertEquals(400, wrongStatus.statusCode());
        assertEquals("status must be one of [canceled, completed, failed, pending, started], not done",
                JSON.readTree(wrongStatus.body()).get("error").asText());
        assertEquals("limit must be a whole number, not many", JSON.readTree(get("/runs?limit=many").body()).get("error").asText());
        assertEquals("limit must be from 1 to 1000, not 1001", JSON.readTree(get("/runs?limit=1001").body()).get("error").asText());
        assertEquals(400, get("/runs?limit=0").statusCode());
        assertEquals(404, get("/runs/a/b").statusCode());
        HttpResponse<String> unknownPath = get("/nothing/here");
        assertEquals(404, unknownPath.statusCode());
        assertEquals("application/json", unknownPath.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-such-path", JSON.readTree(unknownPath.body()).get("code").asText());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/runs")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void anInstanceThatIsNotRunningAnswers503() throws Exception {
        driver.run(RUN, "started", 0);
        streamsState.set(KafkaStreams.State.REBALANCING);

        HttpResponse<String> answer = get("/runs/" + RUN);
        assertEquals(503, answer.statusCode());
        assertEquals("the lifecycle is REBALANCING, not RUNNING", JSON.readTree(answer.body()).get("error").asText());
        assertEquals(503, get("/runs?status=started").statusCode());
        streamsState.set(KafkaStreams.State.RUNNING);
        assertEquals(200, get("/runs/" + RUN).statusCode());
    }

    @Test
    void withTheLifecycleOffTheAnswerSaysSo() throws Exception {
        serve(false);
        HttpResponse<String> answer = get("/runs/" + RUN);
        assertEquals(404, answer.statusCode());
        assertEquals("the lifecycle is off (runstatus.lifecycle.enabled=false)", JSON.readTree(answer.body()).get("error").asText());
        assertEquals("no-lifecycle-here", JSON.readTree(answer.body()).get("code").asText());
    }

    @Test
    void withATokenTheQueryApiNeedsItAndProbesAndMetricsStayOpen() throws Exception {
        driver.run(RUN, "started", 0);
        serve(true, Optional.of("Bearer s3cret"));
        HttpResponse<String> anonymous = get("/runs/" + RUN);
        assertEquals(401, anonymous.statusCode());
        assertEquals("Bearer realm=\"runstatus\"", anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("unauthorized", JSON.readTree(anonymous.body()).get("code").asText());
        assertEquals(401, get("/runs/" + RUN, "Bearer wrong").statusCode());
        assertEquals(200, get("/runs/" + RUN, "Bearer s3cret").statusCode());
        assertEquals(200, get("/health/live").statusCode());
        assertEquals(200, get("/metrics").statusCode());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
