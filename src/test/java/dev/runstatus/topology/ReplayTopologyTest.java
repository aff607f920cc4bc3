package dev.runstatus.topology;

import dev.runstatus.Fixtures;
import dev.runstatus.config.Topics;
import dev.runstatus.metrics.MetricNames;
import dev.runstatus.schema.Family;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The topology as replay builds it: one input, only a range of offsets, and in a dry run no output at all. */
class ReplayTopologyTest {

    private static final InputRange OFFSETS_1_TO_3 = new InputRange("run-results.raw", Map.of(0, new InputRange.Offsets(1, 3)));

    @Test
    void onlyRecordsInsideTheRangeAreProcessed() {
        try (PipelineHarness replay = new PipelineHarness(Map.of(),
                TopologyOptions.replay(Topics.RUN_RESULTS_RAW, OFFSETS_1_TO_3, true))) {
            for (int i = 0; i < 5; i++) {
                replay.pipe(Topics.RUN_RESULTS_RAW, utf8("k" + i), utf8("{\"runId\":\"run-" + i + "\",\"status\":\"pending\"}"));
            }
            List<String> keys = replay.read(Topics.RUN_RESULTS_PROGRESS).stream()
                    .map(record -> new String(record.key(), StandardCharsets.UTF_8)).toList();
            assertEquals(List.of("run-1", "run-2"), keys);
        }
    }

    @Test
    void aDryRunWritesNothingButCountsWhatItWouldWrite() {
        try (PipelineHarness dryRun = new PipelineHarness(Map.of(),
                TopologyOptions.replay(Topics.RUN_RESULTS_RAW, OFFSETS_1_TO_3, false))) {
            dryRun.pipe(Topics.RUN_RESULTS_RAW, utf8("k0"), utf8("{}"));
            dryRun.pipe(Topics.RUN_RESULTS_RAW, utf8("k1"), Fixtures.bytes(Family.RUN_RESULT, "completed-with-payloads.json"));
            dryRun.pipe(Topics.RUN_RESULTS_RAW, utf8("k2"), utf8("not json"));
            assertEquals(Map.of(), dryRun.counts());
            assertEquals(1.0, count(dryRun, "run-results.completed"));
            assertEquals(3.0, count(dryRun, "run-results.extended-payloads"));
            assertEquals(1.0, count(dryRun, "runstatus.dlq"));
        }
    }

    private static double count(PipelineHarness harness, String topic) {
        return harness.metrics.registry().get(MetricNames.RECORDS_OUT).tag(MetricNames.TAG_TOPIC, topic).counter().count();
    }

    @Test
    void aRangeHoldsOnlyItsOwnTopicAndOffsets() {
        assertEquals(true, OFFSETS_1_TO_3.contains("run-results.raw", 0, 1));
        assertEquals(false, OFFSETS_1_TO_3.contains("run-results.raw", 0, 3));
        assertEquals(false, OFFSETS_1_TO_3.contains("run-results.raw", 1, 1));
        assertEquals(false, OFFSETS_1_TO_3.contains("auth-session-results.raw", 0, 1));
        assertEquals(2, OFFSETS_1_TO_3.size());
        assertEquals("run-results.raw 0:1..3", OFFSETS_1_TO_3.toString());
    }
}
