package dev.runstatus.topology;

import dev.runstatus.Fixtures;
import dev.runstatus.config.PipelineVersion;
import dev.runstatus.config.Topic;
import dev.runstatus.config.Topics;
import dev.runstatus.registry.SubjectNames;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every output record says where its input was read, by which pipeline version, with which schema. */
class ProvenanceTest {

    private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
    private final PipelineHarness pipeline = new PipelineHarness();

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void branchAndExtendedPayloadRecordsCarryTheirSourceVersionAndSchemaIdAndNoStaleProvenance() {
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("k"), Fixtures.bytes(Family.RUN_RESULT, "completed-with-payloads.json"),
                new RecordHeaders().add("trace-id", utf8("t-1")).add("runstatus.source.offset", utf8("stale"))
                        .add("runstatus.schema.id", utf8("99")).add("runstatus.extended-payload.index", utf8("9")));
        int runResultId = pipeline.registry.lookup(SubjectNames.valueSubject("run-results.completed"),
                CATALOG.valueSchema(Family.RUN_RESULT)).orElseThrow();
        int payloadId = pipeline.registry.lookup(SubjectNames.valueSubject("run-results.extended-payloads"),
                CATALOG.extendedPayloadSchema()).orElseThrow();

        assertEquals(expected(runResultId, null), headers(pipeline.read(Topics.RUN_RESULTS_COMPLETED).get(0)));
        List<TestRecord<byte[], byte[]>> payloads = pipeline.read(Topics.RUN_RESULTS_EXTENDED_PAYLOADS);
        assertEquals(3, payloads.size());
        for (int index = 0; index < payloads.size(); index++) {
            assertEquals(expected(payloadId, index), headers(payloads.get(index)));
        }
    }

    @Test
    void theSameInputGivesByteIdenticalOutputsAndHeadersInAnotherPipeline() {
        byte[] value = Fixtures.bytes(Family.RUN_RESULT, "completed-with-payloads.json");
        List<TestRecord<byte[], byte[]>> first = outputs(pipeline, value);
        try (PipelineHarness second = new PipelineHarness()) {
            List<TestRecord<byte[], byte[]>> again = outputs(second, value);
            assertEquals(first.size(), again.size());
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i).value(), again.get(i).value());
                assertEquals(headers(first.get(i)), headers(again.get(i)));
            }
        }
    }

    private static List<TestRecord<byte[], byte[]>> outputs(PipelineHarness harness, byte[] value) {
        harness.pipe(Topics.RUN_RESULTS_RAW, utf8("k"), value);
        harness.pipe(Topics.RUN_RESULTS_RAW, utf8("k"), utf8("{\"runId\":1}"));
        List<TestRecord<byte[], byte[]>> outputs = new ArrayList<>(harness.read(Topics.RUN_RESULTS_COMPLETED));
        outputs.addAll(harness.read(Topics.RUN_RESULTS_EXTENDED_PAYLOADS));
        outputs.addAll(harness.read(Topic.DEAD_LETTER));
        return outputs;
    }

    private static List<String> expected(int schemaId, Integer payloadIndex) {
        List<String> headers = new ArrayList<>(List.of("trace-id=t-1", "runstatus.source.topic=run-results.raw",
                "runstatus.source.partition=0", "runstatus.source.offset=0",
                "runstatus.source.timestamp=" + PipelineHarness.TIMESTAMP.toEpochMilli(),
                "runstatus.pipeline.version=" + PipelineVersion.current(), "runstatus.schema.id=" + schemaId));
        if (payloadIndex != null) {
            headers.add("runstatus.extended-payload.index=" + payloadIndex);
        }
        return headers;
    }

    private static List<String> headers(TestRecord<byte[], byte[]> record) {
        List<String> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
