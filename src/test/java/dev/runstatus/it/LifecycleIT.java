package dev.runstatus.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
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
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on a real broker: each answers the query API for every run, whichever keeps it; one is
 * killed, and after the rebalance the other answers for all of them from the restored state.
 */
class LifecycleIT {

    private static final int RUNS = 60;
    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    @Test
    void eitherInstanceAnswersForEveryRunAndTheSurvivorForAllAfterAKill() throws Exception {
        Map<String, String> settings = RealCluster.settingsFor("lifecycle.");
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        Map<String, String> expected = sendRuns(config);

        int firstPort = freePort();
        int secondPort = freePort();
        try (ChildPipeline first = start(settings, "first", firstPort);
             ChildPipeline second = start(settings, "second", secondPort)) {
            awaitAnswers(firstPort, expected, Duration.ofSeconds(180), "first");
            awaitAnswers(secondPort, expected, Duration.ofSeconds(120), "second");

            Map<String, Integer> keptBy = new HashMap<>();
            for (String run : expected.keySet()) {
                boolean onFirst = localStatus(firstPort, run) == 200;
                boolean onSecond = localStatus(secondPort, run) == 200;
                assertTrue(onFirst ^ onSecond, run + " is kept by exactly one instance");
                keptBy.merge(onFirst ? "first" : "second", 1, Integer::sum);
            }
            assertEquals(2, keptBy.size(), "both instances keep runs, so answers were forwarded: " + keptBy);

            long completed = expected.values().stream().filter("completed"::equals).count();
            for (int port : List.of(firstPort, secondPort)) {
                JsonNode list = JSON.readTree(get(port, "/runs?status=completed&limit=1000", false).body());
                assertEquals(completed, list.get("count").asLong(), "gathered from both instances");
            }

            String anyRun = expected.keySet().iterator().next();
            JarProcess found = JarProcess.runToEnd(directory, "run-status", Duration.ofSeconds(30), "run-status", anyRun,
                    "--url", "http://127.0.0.1:" + secondPort, "--format", "json");
            assertEquals(0, found.exitCode(), found.err());
            JsonNode state = JSON.readTree(found.out());
            assertEquals(anyRun, state.get("key").asText());
            assertEquals(expected.get(anyRun), state.get("status").asText());
            JarProcess unknown = JarProcess.runToEnd(directory, "run-status-unknown", Duration.ofSeconds(30), "run-status",
                    "nosuchrun", "--url", "http://127.0.0.1:" + firstPort);
            assertEquals(1, unknown.exitCode());
            assertEquals("error: no run-result with key nosuchrun\n", unknown.err());
            JarProcess nobody = JarProcess.runToEnd(directory, "run-status-nobody", Duration.ofSeconds(20), "run-status",
                    anyRun, "--url", "http://127.0.0.1:" + freePort());
            assertEquals(2, nobody.exitCode());
            assertTrue(nobody.err().matches("error: cannot reach the instance at http://127\\.0\\.0\\.1:\\d+ \\(connection refused\\);"
                    + " is `runstatus run` running there\\?\\R"), nobody.err());

            first.crash();
            awaitAnswers(secondPort, expected, Duration.ofSeconds(120), "second");
            for (String run : expected.keySet()) {
                assertEquals(200, localStatus(secondPort, run), run + " is kept by the survivor");
            }
        }
    }

    /** Run documents for {@link #RUNS} runs, several reports each; the status each run ends in, by run id. */
    private static Map<String, String> sendRuns(RunStatusConfig config) throws Exception {
        String topic = config.topics().name(Topic.RUN_RESULTS_RAW);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, String> last = new TreeMap<>();
        for (int i = 0; i < RUNS; i++) {
            String run = String.format("run-%017d", i);
            List<String> statuses = switch (i % 3) {
                case 0 -> List.of("pending", "started", "started", "completed");
                case 1 -> List.of("pending", "started");
                default -> List.of("pending", "failed");
            };
            for (int report = 0; report < statuses.size(); report++) {
                String status = statuses.get(report);
                String error = status.equals("failed") ? ",\"error\":{\"message\":\"boom\",\"category\":\"execution\"}" : "";
                String document = "{\"runId\":\"" + run + "\",\"status\":\"" + status + "\"" + error + "}";
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
        Path home = Files.createDirectories(directory.resolve(name));
        return ChildPipeline.start(instance, home);
    }

    /** Waits until the instance answers 200 with the expected status for every run. */
    private void awaitAnswers(int port, Map<String, String> expected, Duration timeout, String instance) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> wrong = new TreeMap<>(expected);
        while (!wrong.isEmpty() && Instant.now().isBefore(deadline)) {
            for (String run : List.copyOf(wrong.keySet())) {
                HttpResponse<String> answer = tryGet(port, "/runs/" + run);
                if (answer != null && answer.statusCode() == 200
                        && expected.get(run).equals(JSON.readTree(answer.body()).get("status").asText())) {
                    wrong.remove(run);
                } else {
                    wrong.put(run, expected.get(run) + " expected; answered "
                            + (answer == null ? "nothing" : answer.statusCode() + " " + answer.body()));
                }
            }
            if (!wrong.isEmpty()) {
                Thread.sleep(250);
            }
        }
        if (!wrong.isEmpty()) {
            Path log = directory.resolve(instance).resolve("pipeline.log");
            String lines = Files.exists(log) ? String.join("\n", Files.readAllLines(log).stream()
                    .filter(line -> !line.startsWith("\t")).toList()) : "no log";
            assertEquals(Map.of(), wrong, "runs not answered as expected by the " + instance + " instance on port " + port
                    + "; its log:\n" + lines.substring(Math.max(0, lines.length() - 4000)));
        }
    }

    private static int localStatus(int port, String run) throws Exception {
        return get(port, "/runs/" + run, true).statusCode();
    }

    private static HttpResponse<String> tryGet(int port, String path) throws InterruptedException {
        try {
            return get(port, path, false);
        } catch (IOException notListeningYet) {
            return null;
        }
    }

    /** {@code localOnly} asks as another instance would, so that the instance answers from its own stores. */
    private static HttpResponse<String> get(int port, String path, boolean localOnly) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (localOnly) {
            request.header("X-Runstatus-Forwarded", "true");
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
