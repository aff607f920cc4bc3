package dev.runstatus.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.Fixtures;
import dev.runstatus.app.Pipeline;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** topics, produce and tail, as an operator runs them, against the real broker and registry and a running pipeline. */
class CommandLineIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private String run(String... args) {
        Cli cli = Cli.run(args);
        assertEquals(0, cli.exitCode(), String.join(" ", args) + ": " + cli);
        return cli.out();
    }

    @Test
    void producedDocumentsCanBeTailedFromEveryTopic() throws Exception {
        Map<String, String> settings = RealCluster.settingsFor("cli.");
        Path properties = Cli.propertiesFile(settings, directory.resolve("cli.properties"));
        Path lines = Files.writeString(directory.resolve("docs.jsonl"),
                "op-1\t{\"status\":\"done\",\"authSessionId\":\"as-1\"}\nop-2\t{\"status\":\"later\"}\n");
        String config = "--config=" + properties;
        assertEquals("created cli.run-results.raw, cli.auth-session-results.raw, cli.run-results.completed, cli.run-results.errors, "
                + "cli.run-results.progress, cli.run-results.extended-payloads, cli.auth-session-results.completed, "
                + "cli.auth-session-results.errors, cli.auth-session-results.progress, cli.runstatus.dlq, cli.runstatus.dlq.redriven, "
                + "cli.run-results.status, cli.auth-session-results.status, cli.runstatus.lifecycle-events\n",
                run("topics", "create", config));
        assertEquals("all topics exist\n", run("topics", "create", config));

        assertEquals("sent 1 record\n", run("produce", config, "--family", "run-result",
                Fixtures.directory(Family.RUN_RESULT).resolve("pending.json").toString()));
        assertEquals("sent 2 records\n", run("produce", config, "--family", "auth-session-result", "--jsonl", lines.toString(),
                "--key-separator", "\t"));

        try (Pipeline pipeline = Pipeline.start(RealCluster.config(settings))) {
            JsonNode progress = awaitOneLine(config, "cli.run-results.progress");
            assertEquals("aB3dE5fG7hI9jK1lM3nO5", progress.get("key").asText());
            assertEquals("{\"runId\":\"aB3dE5fG7hI9jK1lM3nO5\",\"status\":\"pending\",\"result\":null,\"extendedPayloads\":null,"
                    + "\"error\":null,\"message\":null,\"reason\":null}", progress.get("value").toString());
            JsonNode done = awaitOneLine(config, "cli.auth-session-results.completed");
            assertEquals("op-1", done.get("key").asText());
            assertEquals("{\"status\":\"done\",\"authSessionId\":\"as-1\"}", done.get("value").toString());
            JsonNode deadLetter = awaitOneLine(config, "cli.runstatus.dlq");
            assertEquals("op-2", deadLetter.get("key").asText());
            assertEquals("{\"status\":\"later\"}", deadLetter.get("value").asText());
            assertEquals("schema-violation", deadLetter.get("headers").get("runstatus.error.reason").asText());
        }
    }

    /** The operator's views of a running pipeline: status, topics, reconcile and schemas check, in text and JSON. */
    @Test
    void operatorViewsSayWhatIsThereInTextAndJson() throws Exception {
        Map<String, String> settings = RealCluster.settingsFor("views.");
        Path properties = Cli.propertiesFile(settings, directory.resolve("views.properties"));
        String config = "--config=" + properties;
        run("topics", "create", config);
        Path pending = Fixtures.directory(Family.RUN_RESULT).resolve("pending.json");
        Path completed = Fixtures.directory(Family.RUN_RESULT).resolve("completed-reference.json");
        assertEquals("sent 2 records\n", run("produce", config, "--family", "run-result", "-H", "trace=t-1", "--partition", "2",
                pending.toString(), completed.toString()));
        Path lines = Files.writeString(directory.resolve("keyless.jsonl"), "op-1\t{\"status\":\"pending\"}\n{\"status\":\"pending\"}\n");
        Cli keyless = Cli.run("produce", config, "--family", "auth-session-result", "--jsonl", lines.toString(), "--key-separator", "\t");
        assertEquals(0, keyless.exitCode(), keyless.toString());
        assertEquals("warning: 1 line has no key separator and went without a key: line 2\n", keyless.err().replace(System.lineSeparator(), "\n"));
        String rawInAvroTopic = "views.run-results.completed";
        Inputs.send(RealCluster.runtime().bootstrapServers(), List.of(new ProducerRecord<>(rawInAvroTopic, 0,
                "stray".getBytes(StandardCharsets.UTF_8), "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))));

        try (Pipeline pipeline = Pipeline.start(RealCluster.config(settings))) {
            JsonNode stray = null;
            JsonNode decoded = null;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while ((stray == null || decoded == null) && Instant.now().isBefore(deadline)) {
                for (String line : run("tail", config, "-t", rawInAvroTopic, "--from-beginning").lines().toList()) {
                    JsonNode record = JSON.readTree(line);
                    if (record.path("key").asText().equals("stray")) {
                        stray = record;
                    } else {
                        decoded = record;
                    }
                }
                Thread.sleep(300);
            }
            assertEquals("{\"not\":\"avro\"}", stray.path("value").asText(), "a value that is not Avro is shown as text");
            assertTrue(decoded.path("value").isObject() && decoded.has("schemaId"), "and the next one is decoded: " + decoded);
            assertEquals("t-1", decoded.path("headers").path("trace").asText(), "the input's headers travel with it");
            List<JsonNode> raw = new ArrayList<>();
            for (String line : run("tail", config, "-t", "views.run-results.raw", "--from-beginning").lines().toList()) {
                raw.add(JSON.readTree(line));
            }
            assertEquals(List.of(2, 2), raw.stream().map(record -> record.path("partition").asInt()).toList());
            assertEquals(List.of("t-1", "t-1"), raw.stream().map(record -> record.path("headers").path("trace").asText()).toList());

            awaitLagZero(config);
            JsonNode status = JSON.readTree(run("status", config, "--format", "json", "--metrics-url",
                    "http://127.0.0.1:" + pipeline.httpPort()));
            JsonNode routing = status.path("groups").get(0);
            assertEquals("routing", routing.path("role").asText());
            assertEquals("views.runstatus", routing.path("group").asText());
            assertEquals("Stable", routing.path("state").asText());
            assertEquals(1, routing.path("members").size());
            assertEquals(6, routing.path("inputs").size());
            JsonNode lifecycle = status.path("groups").get(1);
            assertEquals("lifecycle", lifecycle.path("role").asText());
            assertEquals("views.runstatus-lifecycle", lifecycle.path("group").asText());
            assertEquals(1, lifecycle.path("members").size());
            assertEquals(18, lifecycle.path("inputs").size(), "three partitions of each of the six branch topics");
            assertEquals(0, status.path("totalLag").asLong());
            assertEquals(200, status.path("instances").get(0).path("ready").path("httpStatus").asInt());
            assertEquals("UP", status.path("instances").get(0).path("live").path("answer").path("status").asText());
            String text = run("status", config);
            assertTrue(text.startsWith("routing: consumer group views.runstatus: Stable, 1 member\n"), text);
            assertTrue(text.contains("\nlifecycle: consumer group views.runstatus-lifecycle: Stable, 1 member\n"), text);

            JsonNode reconcile = JSON.readTree(run("reconcile", config, "--family", "run-result", "--format", "json"));
            assertTrue(reconcile.path("balanced").asBoolean(), reconcile.toString());
            assertEquals(2, reconcile.path("inputRecords").asLong());
            JsonNode check = JSON.readTree(run("schemas", "check", config, "--format", "json"));
            assertTrue(check.path("compatible").asBoolean(), check.toString());
            assertTrue(check.path("subjects").path("views.run-results.completed-value").path("compatible").asBoolean(), check.toString());
        }

        JsonNode topics = JSON.readTree(run("topics", "list", config, "-f", "json"));
        assertEquals(14, topics.size());
        assertEquals(3, topics.get(0).path("partitions").asInt());
        assertEquals(0, Cli.run("topics", "describe", config).exitCode());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealCluster.runtime().bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "views.runstatus.dlq"), List.of(
                    new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "3600000"), AlterConfigOp.OpType.SET)))).all().get();
        }
        Cli drift = Cli.run("topics", "describe", config);
        assertEquals(1, drift.exitCode(), drift.toString());
        assertTrue(drift.out().contains("views.runstatus.dlq  partitions 3  replicas 1  cleanup.policy delete  retention.ms 3600000"),
                drift.out());
        assertTrue(drift.out().contains("  DRIFT retention.ms 3600000, the plan 2592000000\n"), drift.out());

        String leftover = "views.runstatus-run-result-lifecycle-changelog";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealCluster.runtime().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(leftover, 1, (short) 1))).all().get();
        }
        Cli withLeftover = Cli.run("topics", "describe", config);
        assertEquals(1, withLeftover.exitCode(), withLeftover.toString());
        assertTrue(withLeftover.out().endsWith(leftover + "  LEFTOVER\n  DRIFT a leftover of runstatus 0.2, whose lifecycle ran"
                + " inside application views.runstatus; nothing reads it now: delete it with kafka-topics.sh --delete --topic "
                + leftover + "\n"), withLeftover.out());
        assertEquals(14, JSON.readTree(run("topics", "list", config, "-f", "json")).size(), "a leftover is not runstatus's topic");
    }

    private void awaitLagZero(String config) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = JSON.readTree(run("status", config, "--format", "json"));
            if (status.path("totalLag").asLong() == 0 && status.path("groups").get(0).path("inputs").findValues("committed").stream()
                    .anyMatch(committed -> committed.asLong() > 0)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the pipeline did not catch up");
    }

    private JsonNode awaitOneLine(String config, String topic) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            List<String> lines = run("tail", config, "--topic", topic, "--from-beginning").lines().toList();
            if (!lines.isEmpty()) {
                assertEquals(1, lines.size(), lines.toString());
                JsonNode line = JSON.readTree(lines.get(0));
                assertEquals(topic, line.get("topic").asText());
                return line;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("nothing on " + topic);
    }
}
