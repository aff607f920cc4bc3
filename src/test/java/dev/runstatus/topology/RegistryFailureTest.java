package dev.runstatus.topology;

import dev.runstatus.Fixtures;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.Topic;
import dev.runstatus.registry.SubjectNames;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A registry that cannot answer is never the record's fault: the task fails and nothing is dead-lettered. */
class RegistryFailureTest {

    @Test
    void anUnreachableRegistryFailsTheTaskInsteadOfDeadLetteringAGoodRecord() {
        try (PipelineHarness pipeline = new PipelineHarness()) {
            pipeline.registry.setAvailable(false);
            assertThrows(StreamsException.class,
                    () -> pipeline.pipe(Topic.RUN_RESULTS_RAW, null, Fixtures.bytes(Family.RUN_RESULT, "pending.json")));
            assertEquals(List.of(), pipeline.read(Topic.DEAD_LETTER));
            assertEquals(List.of(), pipeline.read(Topic.RUN_RESULTS_PROGRESS));
        }
    }

    @Test
    void anUnregisteredSchemaWithAutoRegisterOffFailsTheTaskAndSaysWhatToDo() {
        try (PipelineHarness pipeline = new PipelineHarness(Map.of(ConfigKeys.AUTO_REGISTER_SCHEMAS, "false"))) {
            StreamsException failure = assertThrows(StreamsException.class,
                    () -> pipeline.pipe(Topic.RUN_RESULTS_RAW, null, Fixtures.bytes(Family.RUN_RESULT, "pending.json")));
            assertTrue(rootMessage(failure).contains("is not registered under subject run-results.progress-value"), rootMessage(failure));
            assertEquals(List.of(), pipeline.read(Topic.DEAD_LETTER));
        }
    }

    @Test
    void withTheSchemaRegisteredAheadAutoRegisterOffWorks() {
        try (PipelineHarness pipeline = new PipelineHarness(Map.of(ConfigKeys.AUTO_REGISTER_SCHEMAS, "false"))) {
            pipeline.registry.register(SubjectNames.valueSubject("run-results.progress"),
                    SchemaCatalog.bundled().valueSchema(Family.RUN_RESULT));
            pipeline.pipe(Topic.RUN_RESULTS_RAW, null, Fixtures.bytes(Family.RUN_RESULT, "pending.json"));
            assertEquals(1, pipeline.read(Topic.RUN_RESULTS_PROGRESS).size());
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
