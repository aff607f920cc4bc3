package dev.runstatus.topology;

import dev.runstatus.Fixtures;
import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.Topic;
import dev.runstatus.config.Topics;
import dev.runstatus.metrics.MetricNames;
import dev.runstatus.schema.Family;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pipeline's own meters, counted by the production topology in a TopologyTestDriver. */
class PipelineMetricsTest {

    private final PipelineHarness pipeline = new PipelineHarness();
    private final MeterRegistry meters = pipeline.metrics.registry();

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void countsRecordsInPerFamilyAndOutPerTopic() {
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("k1"), Fixtures.bytes(Family.RUN_RESULT, "completed-with-payloads.json"));
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("k2"), Fixtures.bytes(Family.RUN_RESULT, "pending.json"));
        pipeline.pipe(Topics.AUTH_SESSION_RESULTS_RAW, utf8("k3"), Fixtures.bytes(Family.AUTH_SESSION_RESULT, "done.json"));
        pipeline.pipe(Topics.AUTH_SESSION_RESULTS_RAW, utf8("k4"), utf8("not json"));

        assertEquals(Map.of("run-result", 2.0, "auth-session-result", 2.0, "unknown", 0.0),
                byTag(MetricNames.RECORDS_IN, MetricNames.TAG_FAMILY));
        Map<String, Double> out = byTag(MetricNames.RECORDS_OUT, MetricNames.TAG_TOPIC);
        out.values().removeIf(count -> count == 0);
        assertEquals(Map.of("run-results.completed", 1.0, "run-results.extended-payloads", 3.0,
                "run-results.progress", 1.0, "auth-session-results.completed", 1.0, "runstatus.dlq", 1.0), out);
        Map<Topic, Integer> written = pipeline.counts();
        written.forEach((topic, count) -> assertEquals(count.doubleValue(),
                meters.get(MetricNames.RECORDS_OUT).tag(MetricNames.TAG_TOPIC, pipeline.name(topic)).counter().count(),
                topic.defaultName()));
    }

    @Test
    void countsDeadLettersByStageAndReasonAndViolationsByPathWithIndexesFolded() {
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("k1"), utf8("{\"runId\":"));
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("k2"), utf8("{\"runId\":\"r\",\"status\":\"completed\",\"extendedPayloads\":"
                + "[{\"api\":1},{\"api\":2}],\"surprise\":true,\"another\":1}"));
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("k3"), utf8("{}"),
                new RecordHeaders().add(HeaderKeys.FAMILY, utf8("no-such-family")));

        Map<String, Double> deadLetters = new TreeMap<>();
        meters.find(MetricNames.DEAD_LETTERS).counters().forEach(counter -> deadLetters.put(
                counter.getId().getTag(MetricNames.TAG_STAGE) + "/" + counter.getId().getTag(MetricNames.TAG_REASON),
                counter.count()));
        assertEquals(Map.of("parse/invalid-json", 1.0, "validate/schema-violation", 1.0, "route/unknown-family", 1.0),
                deadLetters);
        assertEquals(1.0, meters.get(MetricNames.RECORDS_IN).tag(MetricNames.TAG_FAMILY, "unknown").counter().count());
        assertEquals(3.0, meters.get(MetricNames.RECORDS_OUT).tag(MetricNames.TAG_TOPIC, "runstatus.dlq").counter().count());
        assertEquals(2.0, meters.get(MetricNames.VALIDATION_VIOLATIONS).tag(MetricNames.TAG_FAMILY, "run-result")
                .tag(MetricNames.TAG_PATH, "/extendedPayloads/*/api").counter().count());
        assertEquals(2.0, meters.get(MetricNames.UNKNOWN_KEYS).tag(MetricNames.TAG_FAMILY, "run-result").counter().count());
        assertEquals(3, pipeline.read(Topic.DEAD_LETTER).size());
    }

    @Test
    void timesEachOutputFromItsInputTimestamp() {
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("k1"), Fixtures.bytes(Family.RUN_RESULT, "failed-reference.json"));
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("k2"), "[]".getBytes(StandardCharsets.UTF_8));

        Timer failed = meters.get(MetricNames.END_TO_END_LATENCY).tag(MetricNames.TAG_OUTPUT, "run-result-error").timer();
        Timer deadLetter = meters.get(MetricNames.END_TO_END_LATENCY).tag(MetricNames.TAG_OUTPUT, "dead-letter").timer();
        assertEquals(1, failed.count());
        assertEquals(PipelineHarness.WALL_CLOCK_LAG.toMillis(), failed.totalTime(TimeUnit.MILLISECONDS));
        assertEquals(1, deadLetter.count());
        assertEquals(PipelineHarness.WALL_CLOCK_LAG.toMillis(), deadLetter.totalTime(TimeUnit.MILLISECONDS));
    }

    private Map<String, Double> byTag(String name, String tag) {
        Map<String, Double> counts = new TreeMap<>();
        meters.find(name).counters().forEach(counter -> counts.put(counter.getId().getTag(tag), counter.count()));
        return counts;
    }
}
