package dev.runstatus.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.Fixtures;
import dev.runstatus.app.Pipeline;
import dev.runstatus.schema.Family;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
                + "cli.auth-session-results.errors, cli.auth-session-results.progress, cli.runstatus.dlq, cli.runstatus.dlq.redriven\n",
                run("topics", "create", config));
        assertEquals("all topics exist\n", run("topics", "create", config));

        assertEquals("sent 1 records\n", run("produce", config, "--family", "run-result",
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
