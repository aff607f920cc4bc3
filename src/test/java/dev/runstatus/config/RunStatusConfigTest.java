package dev.runstatus.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunStatusConfigTest {

    @Test
    void layersAreDefaultsThenFileThenEnvironmentThenOptions(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("runstatus.properties"), String.join("\n",
                "bootstrap.servers=file:9092", "schema.registry.url=http://file", "application.id=from-file",
                "security.protocol=SASL_SSL", "runstatus.topic.runstatus.dlq=file-dlq"));
        RunStatusConfig config = RunStatusConfig.load(Optional.of(file),
                Map.of("RUNSTATUS_SCHEMA_REGISTRY_URL", "http://env", "RUNSTATUS_APPLICATION_ID", "from-env",
                        "RUNSTATUS_RUNSTATUS_TOPIC_RUN__RESULTS_RAW", "env-raw", "PATH", "/usr/bin"),
                Map.of("application.id", "from-option"));
        assertEquals("file:9092", config.require("bootstrap.servers"));
        assertEquals("http://env", config.require("schema.registry.url"));
        assertEquals("from-option", config.require("application.id"));
        assertEquals("SASL_SSL", config.require("security.protocol"));
        assertEquals("exactly_once_v2", config.require("processing.guarantee"));
        assertEquals("file-dlq", config.topics().name(Topic.DEAD_LETTER));
        assertEquals("env-raw", config.topics().name(Topics.RUN_RESULTS_RAW));
        assertEquals("file-dlq", config.streamsProperties().get("errors.dead.letter.queue.topic.name"));
        assertEquals(Optional.empty(), config.get("path"));
    }

    @Test
    void streamsCommitEvery50MillisecondsUnlessTheCommitIntervalIsSet() {
        RunStatusConfig defaults = RunStatusConfig.load(Optional.empty(), Map.of(), Map.of());
        RunStatusConfig set = RunStatusConfig.load(Optional.empty(), Map.of("RUNSTATUS_COMMIT_INTERVAL_MS", "1000"), Map.of());
        assertEquals("50", defaults.streamsProperties().get("commit.interval.ms"));
        assertEquals("1000", set.streamsProperties().get("commit.interval.ms"));
    }

    @Test
    void environmentNamesRoundTrip() {
        assertEquals("RUNSTATUS_RUNSTATUS_TOPIC_RUN__RESULTS_RAW", RunStatusConfig.environmentName("runstatus.topic.run-results.raw"));
        assertEquals(Map.of("runstatus.topic.run-results.raw", "x"),
                RunStatusConfig.fromEnvironment(Map.of(RunStatusConfig.environmentName("runstatus.topic.run-results.raw"), "x")));
    }

    @Test
    void missingAndMalformedSettingsSayWhatToDo() {
        RunStatusConfig config = RunStatusConfig.load(Optional.empty(), Map.of(), Map.of(ConfigKeys.MAX_NESTING_DEPTH, "deep"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> config.require("bootstrap.servers"));
        assertTrue(missing.getMessage().contains("RUNSTATUS_BOOTSTRAP_SERVERS"), missing.getMessage());
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class, config::pipelineSettings);
        assertEquals("runstatus.max.nesting.depth must be a whole number, not deep", malformed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunStatusConfig.load(Optional.empty(), Map.of(),
                Map.of("runstatus.topic.runstatus.dlq", "run-results.raw")).topics());
    }

    @Test
    void aKeyNeitherRunstatusNorKafkaKnowsIsNamedWithTheKeyItProbablyMeant(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("typo.properties"), String.join("\n",
                "bootstrap.server=kafka:9092", "producer.linger.ms=5", "main.consumer.max.poll.records=100",
                "runstatus.topic.run-results.raw=raw", "topic.min.insync.replicas=2", "ssl.truststore.location=/x",
                "runstatus.stall.timeout=1000", "completely.unrelated.setting=1"));
        RunStatusConfig config = RunStatusConfig.load(Optional.of(file),
                Map.of("RUNSTATUS_SCHEMA_REGISTRY_URLS", "http://r", "RUNSTATUS_COMMIT_INTERVAL_MS", "20"), Map.of());
        assertEquals(java.util.List.of(
                "unknown configuration key 'bootstrap.server' in " + file + " (did you mean 'bootstrap.servers'?); runstatus and Kafka"
                        + " ignore it",
                "unknown configuration key 'completely.unrelated.setting' in " + file + "; runstatus and Kafka ignore it",
                "unknown configuration key 'runstatus.stall.timeout' in " + file + " (did you mean 'runstatus.stall.timeout.ms'?);"
                        + " runstatus and Kafka ignore it",
                "unknown configuration key 'schema.registry.urls' from RUNSTATUS_SCHEMA_REGISTRY_URLS (did you mean"
                        + " 'schema.registry.url'?); runstatus and Kafka ignore it"), config.warnings());
    }
}
