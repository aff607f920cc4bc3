package dev.runstatus.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two query API instances over HTTP, each keeping one partition of the runs active and the other's as a
 * standby: a run is answered through the instance that keeps it, a list is gathered from both in key
 * order and paged; a paused peer costs a query at most the deadline and never a probe; a standby answers,
 * marked stale, for a paused owner; a full pool refuses at once; and two instances asking each other at
 * once never wait on each other.
 */
class QueryFederationTest {

    private static final Duration DEADLINE = Duration.ofMillis(700);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<Integer, RunStores.Owners> owning = new ConcurrentHashMap<>();
    private final Map<Integer, TreeMap<String, byte[]>> runs = Map.of(0, new TreeMap<>(), 1, new TreeMap<>());
    private FakeInstance a;
    private FakeInstance b;

    @BeforeEach
    void twoInstances() {
        for (int i = 0; i < 10; i++) {
            String keptByB = String.format("a-%03d", i);
            String keptByA = String.format("b-%03d", i);
            runs.get(1).put(keptByB, FakeInstance.state(keptByB, i % 2 == 0 ? "started" : "completed"));
            runs.get(0).put(keptByA, FakeInstance.state(keptByA, i % 2 == 0 ? "started" : "completed"));
        }
        a = new FakeInstance(runs, owning::get, 4, DEADLINE);
        b = new FakeInstance(runs, owning::get, 4, DEADLINE);
        owning.put(0, FakeInstance.owners(0, a.host(), b.host()));
        owning.put(1, FakeInstance.owners(1, b.host(), a.host()));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    @Test
    void eitherInstanceAnswersForEveryRunAndListsBothInKeyOrderPageByPage() throws Exception {
        HttpResponse<String> kept = get(a, "/runs/a-003");
        assertEquals(200, kept.statusCode(), kept.body());
        assertEquals("a-003", JSON.readTree(kept.body()).get("key").asText());
        assertFalse(JSON.readTree(kept.body()).has("stale"), "the owner's answer is fresh");

        List<String> keys = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = JSON.readTree(get(b, "/runs?status=started&limit=3" + cursor).body());
            page.get("runs").forEach(run -> keys.add(run.get("key").asText()));
            cursor = page.get("next").isNull() ? null : "&cursor=" + page.get("next").asText();
        } while (cursor != null);
        assertEquals(List.of("a-000", "a-002", "a-004", "a-006", "a-008", "b-000", "b-002", "b-004", "b-006", "b-008"), keys);
    }

    @Test
    void aPausedPeerCostsAQueryAtMostTheDeadlineAndAProbeNothing() throws Exception {
        b.pause();
        long started = System.nanoTime();
        HttpResponse<String> list = get(a, "/runs?status=started");
        assertWithinDeadline(started);
        assertEquals(503, list.statusCode());
        JsonNode refused = JSON.readTree(list.body());
        assertEquals("instance-unavailable", refused.get("code").asText());
        assertEquals("no answer within 700 ms from 127.0.0.1:" + b.port() + " (no answer); partial=true lists the runs of the others",
                refused.get("error").asText());

        HttpResponse<String> partial = get(a, "/runs?status=started&partial=true");
        assertEquals(200, partial.statusCode());
        JsonNode page = JSON.readTree(partial.body());
        assertEquals(5, page.get("count").asInt(), "the runs a keeps");
        assertTrue(page.get("partial").asBoolean());
        assertEquals("127.0.0.1:" + b.port() + " (no answer)", page.get("missing").get(0).asText());

        started = System.nanoTime();
        HttpResponse<String> stale = get(a, "/runs/a-001");
        assertWithinDeadline(started);
        assertEquals(200, stale.statusCode(), stale.body());
        JsonNode run = JSON.readTree(stale.body());
        assertEquals("a-001", run.get("key").asText());
        assertTrue(run.get("stale").asBoolean(), "answered from a's standby copy");
        assertEquals(7, run.get("lagRecords").asLong());

        assertEquals(200, get(a, "/runs/b-001").statusCode(), "its own runs answer as ever");
        for (int probe = 0; probe < 5; probe++) {
            long asked = System.nanoTime();
            assertEquals(200, get(a, "/health/live").statusCode());
            assertTrue(System.nanoTime() - asked < Duration.ofSeconds(1).toNanos());
        }
    }

    @Test
    void aGonePeerWithoutAStandbyIsNamedInA503() throws Exception {
        owning.put(1, new RunStores.Owners(1, b.host(), Set.of()));
        b.close();
        HttpResponse<String> one = get(a, "/runs/a-001");
        assertEquals(503, one.statusCode());
        assertEquals("the instance at 127.0.0.1:" + b.port() + " that keeps run-result with key a-001 did not answer within 700 ms"
                + " (connection refused)", JSON.readTree(one.body()).get("error").asText());
    }

    @Test
    void aFullPoolRefusesAtOnceWithRetryAfterAndProbesStillAnswer() throws Exception {
        AtomicReference<HostInfo> host = new AtomicReference<>();
        try (FakeInstance single = new FakeInstance(runs, partition -> FakeInstance.owners(partition, host.get(), host.get()), 1, DEADLINE)) {
            host.set(single.host());
            single.pause();
            ExecutorService clients = Executors.newFixedThreadPool(2);
            try {
                clients.submit(() -> get(single, "/runs/b-001"));
                clients.submit(() -> get(single, "/runs/b-002"));
                HttpResponse<String> refused = awaitRefusal(single);
                assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
                assertEquals("busy", JSON.readTree(refused.body()).get("code").asText());
                assertEquals(200, get(single, "/health/ready").statusCode());
                assertEquals(200, get(single, "/metrics").statusCode());
            } finally {
                single.resume();
                clients.shutdown();
            }
        }
    }

    /** Asks until the pool is full: the one worker and the one waiting place are taken by requests that hang. */
    private static HttpResponse<String> awaitRefusal(FakeInstance instance) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            long asked = System.nanoTime();
            HttpResponse<String> answer;
            try {
                answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + "/runs/b-003"))
                        .timeout(Duration.ofMillis(300)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException queued) {
                continue;
            }
            if (answer.statusCode() == 503) {
                assertTrue(System.nanoTime() - asked < Duration.ofMillis(300).toNanos(), "refused at once");
                return answer;
            }
        }
        throw new AssertionError("the pool never refused");
    }

    @Test
    void twoInstancesAskingEachOtherAtOnceNeverWaitOnEachOther() throws Exception {
        try (FakeInstance first = new FakeInstance(runs, owning::get, 1, DEADLINE);
             FakeInstance second = new FakeInstance(runs, owning::get, 1, DEADLINE)) {
            owning.put(0, FakeInstance.owners(0, first.host(), second.host()));
            owning.put(1, FakeInstance.owners(1, second.host(), first.host()));
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    FakeInstance asked = i % 2 == 0 ? first : second;
                    answers.add(clients.submit(() -> get(asked, "/runs?limit=5")));
                }
                int ok = 0;
                for (Future<HttpResponse<String>> answer : answers) {
                    int status = answer.get().statusCode();
                    assertTrue(status == 200 || status == 503, "answered, never hung: " + status);
                    JsonNode body = JSON.readTree(answer.get().body());
                    if (status == 503) {
                        assertEquals("busy", body.get("code").asText(), body.toString());
                    } else {
                        ok++;
                        assertEquals(5, body.get("count").asInt());
                        assertFalse(body.get("partial").asBoolean());
                    }
                }
                assertTrue(ok > 0, "some lists were gathered from both");
            } finally {
                clients.shutdown();
            }
        }
    }

    private static void assertWithinDeadline(long startedNanos) {
        long took = System.nanoTime() - startedNanos;
        assertTrue(took < DEADLINE.plusMillis(500).toNanos(), "answered within the deadline: " + took / 1_000_000 + " ms");
    }

    private static HttpResponse<String> get(FakeInstance instance, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
