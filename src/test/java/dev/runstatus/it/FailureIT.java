package dev.runstatus.it;

import dev.runstatus.Fixtures;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.Topics;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What runstatus says when something around it is wrong, with the real jar: the exit code, the time it
 * takes, the one line it prints, and that nothing was consumed; and what a permanent failure under a
 * running pipeline does to it, and that nothing is lost across it.
 */
class FailureIT {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Pattern HTTP_PORT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path directory;

    @Test
    void everyCommandAgainstAClusterThatCannotBeReachedExitsTwoAtOnceInOneLine() throws Exception {
        int closed = closedPort();
        String bootstrap = "--bootstrap-servers=127.0.0.1:" + closed;
        String document = Fixtures.directory(Family.RUN_RESULT).resolve("pending.json").toString();
        List<List<String>> commands = List.of(
                List.of("run", bootstrap, "--schema-registry-url=http://127.0.0.1:" + closed),
                List.of("produce", bootstrap, document),
                List.of("tail", bootstrap, "--topic", "run-results.raw"),
                List.of("topics", "create", bootstrap),
                List.of("reconcile", bootstrap, "--family", "run-result"),
                List.of("replay", bootstrap, "--family", "run-result", "--dry-run"),
                List.of("redrive", bootstrap, "--dry-run"));
        List<String> problems = new ArrayList<>();
        for (List<String> command : commands) {
            JarProcess jar = JarProcess.runToEnd(directory, command.get(0) + "-unreachable", BOUND, command.toArray(String[]::new));
            String expected = "error: cannot reach Kafka at 127.0.0.1:" + closed + " (connection refused)";
            if (jar.exitCode() != 2 || !jar.err().strip().equals(expected) || !jar.out().isEmpty()) {
                problems.add(String.join(" ", command) + ": exit " + jar.exitCode() + "\n" + jar.out() + jar.err());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aPortThatAnswersButNotAsKafkaIsGivenUpOnWithinTheBound() throws Exception {
        String notKafka = "127.0.0.1:" + RealCluster.runtime().registryUrl().getPort();
        JarProcess run = JarProcess.runToEnd(directory, "not-kafka", BOUND, "run", "--bootstrap-servers=" + notKafka,
                "--schema-registry-url=" + RealCluster.runtime().registryUrl());
        assertEquals(2, run.exitCode(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals("error: Kafka at " + notKafka + " accepts connections but answered no request within 15 s: is it a Kafka"
                + " listener, and does security.protocol (PLAINTEXT) match it?", lines.get(lines.size() - 1));
        assertTrue(lines.size() <= 4, "the client's retry warnings are summarised, not streamed:\n" + run.err());
    }

    @Test
    void aRegistryDownAtStartStopsRunBeforeAnythingIsConsumed() throws Exception {
        Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("regdown."));
        int closed = closedPort();
        settings.put(ConfigKeys.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + closed);
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        sendDocuments(config, 1, 10);
        JarProcess run = JarProcess.runToEnd(directory, "registry-down", BOUND, "run",
                "--config=" + Cli.propertiesFile(settings, directory.resolve("regdown.properties")));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("error: cannot reach the schema registry at http://127.0.0.1:" + closed + ": connection refused",
                lastLine(run.err()));
        assertNothingConsumed(config);
    }

    @Test
    void aSubjectWithoutItsSchemaStopsRunBeforeAnythingIsConsumed() throws Exception {
        Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("nosubject."));
        settings.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, "false");
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        sendDocuments(config, 2, 10);
        JarProcess run = JarProcess.runToEnd(directory, "no-subject", BOUND, "run",
                "--config=" + Cli.propertiesFile(settings, directory.resolve("nosubject.properties")));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("error: the schema the pipeline writes is not registered under subjects nosubject.run-results.completed-value,"
                + " nosubject.run-results.errors-value, nosubject.run-results.progress-value,"
                + " nosubject.auth-session-results.completed-value, nosubject.auth-session-results.errors-value,"
                + " nosubject.auth-session-results.progress-value, nosubject.run-results.extended-payloads-value,"
                + " nosubject.run-results.status-value, nosubject.auth-session-results.status-value,"
                + " nosubject.runstatus.lifecycle-events-value and auto.register.schemas is false; register it with: runstatus schemas register", lastLine(run.err()));
        assertNothingConsumed(config);
    }

    /**
     * The dead-letter topic deleted under a running pipeline is a permanent failure: run stops with exit 3
     * and says why; once the topic is back and run restarts, every input is accounted for exactly once.
     */
    @Test
    void aTopicDeletedUnderARunningPipelineStopsItAndNothingIsLostAcrossTheRestart() throws Exception {
        Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("dlqgone."));
        settings.put(ConfigKeys.HEALTH_CHECK_INTERVAL_MS, "1000");
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        Path properties = Cli.propertiesFile(settings, directory.resolve("dlqgone.properties"));
        String deadLetters = config.topics().name(Topic.DEAD_LETTER);

        try (JarProcess first = JarProcess.start(directory, "dlqgone-first", "run", "--config=" + properties)) {
            first.awaitLine("Press Ctrl-C", Duration.ofSeconds(60));
            int port = httpPort(first.out());
            sendDocuments(config, 3, 20);
            awaitOutputs(config, 20);
            assertEquals(200, Scrape.get(port, "/health/live").statusCode());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealCluster.runtime().bootstrapServers()))) {
                admin.deleteTopics(List.of(deadLetters)).all().get();
            }
            assertEquals(3, first.awaitExit(BOUND));
            assertTrue(first.err().contains("error: the routing stopped: topic-missing: topic " + deadLetters
                    + " deleted under the running pipeline; re-create with: runstatus topics create; the lifecycle stopped with it"),
                    first.err());
        }

        sendDocuments(config, 4, 10);
        Inputs.send(RealCluster.runtime().bootstrapServers(), List.of(new ProducerRecord<>(config.topics().name(Topics.RUN_RESULTS_RAW),
                "bad".getBytes(StandardCharsets.UTF_8), "{\"runId\":\"r\",\"status\":\"done\"}".getBytes(StandardCharsets.UTF_8))));
        Cli create = Cli.run("topics", "create", "--config=" + properties);
        assertEquals("created " + deadLetters + "\n", create.out());
        try (JarProcess second = JarProcess.start(directory, "dlqgone-second", "run", "--config=" + properties)) {
            second.awaitLine("Press Ctrl-C", Duration.ofSeconds(60));
            awaitOutputs(config, 31);
            assertEquals(31, Cli.reconcileEveryFamily(properties));
            second.signal("TERM");
            assertEquals(143, second.awaitExit(Duration.ofSeconds(30)));
        }
    }

    private static void sendDocuments(RunStatusConfig config, long seed, int count) throws Exception {
        SyntheticDocuments documents = new SyntheticDocuments(seed, 0);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SyntheticDocument document = documents.next();
            records.add(new ProducerRecord<>(config.topics().name(Topic.inputOf(document.family())), document.key(), document.value()));
        }
        Inputs.send(RealCluster.runtime().bootstrapServers(), records);
    }

    private static void awaitOutputs(RunStatusConfig config, int count) {
        List<String> outputs = Topic.OUTPUTS.stream().filter(topic -> topic != Topics.RUN_RESULTS_EXTENDED_PAYLOADS)
                .map(config.topics()::name).toList();
        assertEquals(count, TopicReader.readUntil(RealCluster.runtime().bootstrapServers(), outputs, read -> read.size() >= count,
                Duration.ofSeconds(90)).size());
    }

    private static void assertNothingConsumed(RunStatusConfig config) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealCluster.runtime().bootstrapServers()))) {
            assertEquals(Map.of(), admin.listConsumerGroupOffsets(config.require(StreamsConfig.APPLICATION_ID_CONFIG))
                    .partitionsToOffsetAndMetadata().get(), "no offset moved");
        }
    }

    private static int httpPort(String banner) {
        Matcher port = HTTP_PORT.matcher(banner);
        assertTrue(port.find(), banner);
        return Integer.parseInt(port.group(1));
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
