package dev.runstatus.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of {@code run} on a real broker, each keeping half the runs and a standby of the other
 * half, their query API asked by concurrent clients while their liveness is probed as a kubelet does
 * (every 250 ms, 1 s timeout): no probe fails and nearly every query answers 200; with one instance
 * paused (SIGSTOP), the other's probes hold, its lists answer 503 naming the paused one within the
 * deadline, its own runs answer as ever and the paused one's are answered from its standby, marked
 * stale; once the paused one is killed, the survivor answers every run fresh after the rebalance.
 */
class QueryIT {

    private static final int RUNS = 120;
    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    /** Short, so that the paused instance's checks end well before the group's session timeout (10 s) evicts it. */
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @TempDir
    Path directory;

    @Test
    void queriesUnderLoadAPausedPeerAndAKilledOneNeverCostAProbeAndStandbysAnswerMeanwhile() throws Exception {
        Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("query."));
        settings.put(ConfigKeys.LIFECYCLE_STREAMS_PREFIX + StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
        settings.put(ConfigKeys.QUERY_DEADLINE_MS, String.valueOf(DEADLINE.toMillis()));
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        Map<String, String> expected = sendRuns(config);
        int firstPort = freePort();
        int secondPort = freePort();
        try (ChildPipeline first = start(settings, "first", firstPort);
             ChildPipeline second = start(settings, "second", secondPort)) {
            awaitAnswers(firstPort, expected, Duration.ofSeconds(180), false);
            awaitAnswers(secondPort, expected, Duration.ofSeconds(60), false);
            Map<Integer, List<String>> keptBy = keptBy(expected, firstPort, secondPort);

            try (Probes probes = new Probes(firstPort, secondPort)) {
                Load load = load(List.of(firstPort, secondPort), new ArrayList<>(expected.keySet()), Duration.ofSeconds(8));
                assertTrue(load.ok() >= 0.99 * load.total(), load.ok() + " of " + load.total() + " answered 200: " + load.failures());
                probes.assertAllAnswered();
            }

            JarProcess.kill("STOP", second.pid());
            try (Probes probes = new Probes(firstPort)) {
                for (String run : keptBy.get(secondPort).subList(0, 3)) {
                    HttpResponse<String> stale = get(firstPort, "/runs/" + run);
                    assertEquals(200, stale.statusCode(), stale.body());
                    JsonNode state = JSON.readTree(stale.body());
                    assertTrue(state.path("stale").asBoolean(), "answered from the standby: " + stale.body());
                    assertEquals(expected.get(run), state.get("status").asText());
                }
                for (String run : keptBy.get(firstPort).subList(0, 3)) {
                    assertEquals(200, get(firstPort, "/runs/" + run).statusCode(), run + " is kept by the first instance");
                }
                long asked = System.nanoTime();
                HttpResponse<String> list = get(firstPort, "/runs?status=completed");
                assertTrue(System.nanoTime() - asked < DEADLINE.plusSeconds(1).toNanos(), "within the deadline");
                assertEquals(503, list.statusCode(), list.body());
                assertTrue(JSON.readTree(list.body()).get("error").asText().startsWith("no answer within 1000 ms from 127.0.0.1:"
                        + secondPort), list.body());
                probes.assertAllAnswered();
            } finally {
                JarProcess.kill("CONT", second.pid());
            }

            second.crash();
            awaitAnswers(firstPort, expected, Duration.ofSeconds(90), true);
            JarProcess found = JarProcess.runToEnd(directory, "run-status", Duration.ofSeconds(30), "run-status",
                    keptBy.get(secondPort).get(0), "--url", "http://127.0.0.1:" + firstPort, "--format", "json");
            assertEquals(0, found.exitCode(), found.err());
            assertEquals(expected.get(keptBy.get(secondPort).get(0)), JSON.readTree(found.out()).get("status").asText());
            JarProcess unknown = JarProcess.runToEnd(directory, "run-status-unknown", Duration.ofSeconds(30), "run-status",
                    "nosuchrun", "--url", "http://127.0.0.1:" + firstPort);
            assertEquals(1, unknown.exitCode());
            assertEquals("error: no run-result with key nosuchrun\n", unknown.err());
            JarProcess nobody = JarProcess.runToEnd(directory, "run-status-nobody", Duration.ofSeconds(20), "run-status",
                    "any", "--url", "http://127.0.0.1:" + freePort());
            assertEquals(2, nobody.exitCode());
            assertTrue(nobody.err().matches("error: cannot reach the instance at http://127\\.0\\.0\\.1:\\d+ \\(connection refused\\);"
                    + " is `runstatus run` running there\\?\\R"), nobody.err());
        }
    }

    /** Runs of several reports each; the status each ends in, by run id. */
    private static Map<String, String> sendRuns(RunStatusConfig config) throws Exception {
        String topic = config.topics().name(Topics.RUN_RESULTS_RAW);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, String> last = new TreeMap<>();
        for (int i = 0; i < RUNS; i++) {
            String run = String.format("run-%017d", i);
            List<String> statuses = switch (i % 3) {
                case 0 -> List.of("pending", "started", "started", "completed");
                case 1 -> List.of("pending", "started");
                default -> List.of("pending", "completed");
            };
            for (int report = 0; report < statuses.size(); report++) {
                String document = "{\"runId\":\"" + run + "\",\"status\":\"" + statuses.get(report) + "\"}";
                records.add(new ProducerRecord<>(topic, null, START.plusSeconds(i * 60L + report).toEpochMilli(),
                        run.getBytes(StandardCharsets.UTF_8), document.getBytes(StandardCharsets.UTF_8)));
            }
            last.put(run, statuses.get(statuses.size() - 1));
        }
        Inputs.send(RealCluster.runtime().bootstrapServers(), records);
        return last;
    }

    private ChildPipeline start(Map<String, String> settings, String name, int port) throws IOException {
        Map<String, String> instance = new HashMap<>(settings);
        instance.put(ConfigKeys.HTTP_PORT, String.valueOf(port));
        instance.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve(name + "-state").toString());
        return ChildPipeline.start(instance, Files.createDirectories(directory.resolve(name)));
    }

    /** The runs each instance keeps active, asked as another instance asks: from its own stores only. */
    private static Map<Integer, List<String>> keptBy(Map<String, String> expected, int firstPort, int secondPort) throws Exception {
        Map<Integer, List<String>> kept = Map.of(firstPort, new ArrayList<>(), secondPort, new ArrayList<>());
        for (String run : expected.keySet()) {
            boolean first = localGet(firstPort, "/runs/" + run).statusCode() == 200;
            boolean second = localGet(secondPort, "/runs/" + run).statusCode() == 200;
            assertTrue(first ^ second, run + " is kept active by exactly one instance");
            kept.get(first ? firstPort : secondPort).add(run);
        }
        assertTrue(kept.get(firstPort).size() >= 5 && kept.get(secondPort).size() >= 5, "both keep runs: " + kept);
        return kept;
    }

    /** Clients asking both instances at once for a while: 80% single runs, 20% lists. */
    private static Load load(List<Integer> ports, List<String> runs, Duration duration) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        AtomicInteger total = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long until = System.nanoTime() + duration.toNanos();
        for (int client = 0; client < 16; client++) {
            int port = ports.get(client % ports.size());
            Random random = new Random(client);
            clients.submit(() -> {
                while (System.nanoTime() < until) {
                    String path = random.nextInt(5) == 0 ? "/runs?status=started&limit=100" : "/runs/" + runs.get(random.nextInt(runs.size()));
                    total.incrementAndGet();
                    try {
                        HttpResponse<String> answer = get(port, path);
                        if (answer.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else if (failures.size() < 10) {
                            failures.add(answer.statusCode() + " " + answer.body());
                        }
                    } catch (IOException e) {
                        failures.add(e.toString());
                    }
                }
                return null;
            });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(duration.plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS));
        return new Load(total.get(), ok.get(), List.copyOf(failures));
    }

    private record Load(int total, int ok, List<String> failures) {
    }

    /** Liveness probes of each instance every 250 ms with a 1 s timeout, as a kubelet's; every failure kept. */
    private static final class Probes implements AutoCloseable {

        private final AtomicBoolean stop = new AtomicBoolean();
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicInteger answered = new AtomicInteger();
        private final Thread thread;

        Probes(int... ports) {
            thread = new Thread(() -> {
                while (!stop.get()) {
                    for (int port : ports) {
                        try {
                            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/health/live")).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() == 200) {
                                answered.incrementAndGet();
                            } else {
                                failures.add(port + ": " + answer.statusCode());
                            }
                        } catch (IOException e) {
                            failures.add(port + ": " + e);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "probes");
            thread.start();
        }

        void assertAllAnswered() {
            assertEquals(List.of(), List.copyOf(failures), "liveness probes that failed");
            assertTrue(answered.get() > 0, "probes answered");
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }

    /** Waits until the instance answers 200 with the expected status for every run (fresh ones, when asked). */
    private static void awaitAnswers(int port, Map<String, String> expected, Duration timeout, boolean fresh) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> wrong = new TreeMap<>(expected);
        while (!wrong.isEmpty() && Instant.now().isBefore(deadline)) {
            for (String run : List.copyOf(wrong.keySet())) {
                HttpResponse<String> answer;
                try {
                    answer = get(port, "/runs/" + run);
                } catch (IOException notListeningYet) {
                    continue;
                }
                if (answer.statusCode() == 200 && expected.get(run).equals(JSON.readTree(answer.body()).get("status").asText())
                        && !(fresh && JSON.readTree(answer.body()).has("stale"))) {
                    wrong.remove(run);
                } else {
                    wrong.put(run, expected.get(run) + " expected; answered " + answer.statusCode() + " " + answer.body());
                }
            }
            if (!wrong.isEmpty()) {
                Thread.sleep(250);
            }
        }
        assertEquals(Map.of(), wrong, "runs not answered as expected on port " + port);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Asks as another instance does, so that the instance answers from its own active stores only. */
    private static HttpResponse<String> localGet(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-Runstatus-Forwarded", "local")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
