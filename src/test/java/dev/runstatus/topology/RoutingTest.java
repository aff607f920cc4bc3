package dev.runstatus.topology;

import dev.runstatus.Fixtures;
import dev.runstatus.avro.AuthSessionDone;
import dev.runstatus.avro.ErrorCategory;
import dev.runstatus.avro.ErrorCode;
import dev.runstatus.avro.ExtendedPayload;
import dev.runstatus.avro.RunExtendedPayload;
import dev.runstatus.avro.RunResult;
import dev.runstatus.avro.RunStatus;
import dev.runstatus.config.Topic;
import dev.runstatus.config.Topics;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.registry.AvroWireDeserializer;
import dev.runstatus.registry.SubjectNames;
import dev.runstatus.registry.WireFormat;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.validate.DocumentCheck;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingTest {

    private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
    private final PipelineHarness pipeline = new PipelineHarness();

    @AfterEach
    void close() {
        pipeline.close();
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource({
            "run-result, completed-reference.json, run-results.completed, V1StGXR8_Z5jdHi6B-myT",
            "run-result, completed-with-payloads.json, run-results.completed, V1StGXR8_Z5jdHi6B-myT",
            "run-result, failed-reference.json, run-results.errors, V1StGXR8_Z5jdHi6B-myT",
            "run-result, failed-full.json, run-results.errors, hQ2mN8vR4tY6uI0oP3aS5",
            "run-result, canceled.json, run-results.errors, Zx9_Lk3-Jh7Gf5Ds1Aq0W",
            "run-result, pending.json, run-results.progress, aB3dE5fG7hI9jK1lM3nO5",
            "run-result, started.json, run-results.progress, pQ7rS9tU1vW3xY5zA7bC9",
            "auth-session-result, done.json, auth-session-results.completed, op-1",
            "auth-session-result, failed.json, auth-session-results.errors, op-2",
            "auth-session-result, canceled.json, auth-session-results.errors, op-3",
            "auth-session-result, pending.json, auth-session-results.progress, op-4",
            "auth-session-result, in-progress-reference.json, auth-session-results.progress, op-5",
    })
    void everyStatusGoesToItsTopicUnderItsKeyAndRoundTrips(String familyId, String file, String expectedTopicName, String expectedKey) {
        Family family = Family.byId(familyId).orElseThrow();
        Topic expectedTopic = Topic.values().stream().filter(topic -> topic.defaultName().equals(expectedTopicName)).findFirst().orElseThrow();
        Topic input = Topic.inputOf(family);
        byte[] document = Fixtures.bytes(family, file);
        pipeline.pipe(input, utf8("producer-key-" + expectedKey), document);

        List<TestRecord<byte[], byte[]>> records = pipeline.read(expectedTopic);
        assertEquals(1, records.size());
        TestRecord<byte[], byte[]> record = records.get(0);
        String key = family == Family.RUN_RESULT ? expectedKey : "producer-key-" + expectedKey;
        assertArrayEquals(utf8(key), record.key());
        assertEquals(PipelineHarness.TIMESTAMP, record.getRecordTime());

        Schema schema = CATALOG.valueSchema(family);
        int id = pipeline.registry.lookup(SubjectNames.valueSubject(pipeline.name(expectedTopic)), schema).orElseThrow();
        assertEquals(0, record.value()[0]);
        assertEquals(id, WireFormat.schemaId(record.value()));
        Object expected = new DocumentCheck(CATALOG, JsonLimits.defaults()).check(family, document).datum();
        assertEquals(expected, new AvroWireDeserializer(pipeline.registry).deserialize(pipeline.name(expectedTopic), record.value()));
    }

    /**
     * Characters beyond U+FFFF stay four UTF-8 bytes in "any JSON", whether the value is copied as it
     * came or written again (here, because of the spaces): a 910 KB document of emoji fits its topic,
     * where escaped surrogate pairs would have made it 1.9 MB.
     */
    @Test
    void aLargeDocumentFullOfEmojiPassesWithItsCharactersAsUtf8() {
        String emoji = "\uD83D\uDD25\uD83D\uDE00".repeat(56_500);
        String result = "{\"\uD83D\uDD25\":\"" + emoji + "\",\"list\":[\"" + emoji + "\"]}";
        for (String written : List.of(result, result.replace(":", ": "))) {
            byte[] document = utf8("{\"runId\":\"r\",\"status\":\"completed\",\"result\":" + written + "}");
            assertTrue(document.length > 900_000, document.length + " bytes");
            pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("emoji"), document);

            assertEquals(List.of(), pipeline.read(Topic.DEAD_LETTER));
            List<TestRecord<byte[], byte[]>> records = pipeline.read(Topics.RUN_RESULTS_COMPLETED);
            assertEquals(1, records.size());
            assertTrue(records.get(0).value().length < document.length, records.get(0).value().length + " bytes");
            GenericRecord record = (GenericRecord) new AvroWireDeserializer(pipeline.registry)
                    .deserialize(pipeline.name(Topics.RUN_RESULTS_COMPLETED), records.get(0).value());
            assertEquals(result, record.get("result").toString());
        }
    }

    @Test
    void everyInputRecordLandsOnExactlyOneBranchTopic() {
        for (Family family : Family.values()) {
            Topic input = Topic.inputOf(family);
            Fixtures.all(family).forEach(file -> pipeline.pipe(input, utf8("k"), Fixtures.bytes(family, file.getFileName().toString())));
        }
        assertEquals(Map.of(
                Topics.RUN_RESULTS_COMPLETED, 2, Topics.RUN_RESULTS_ERRORS, 3, Topics.RUN_RESULTS_PROGRESS, 2,
                Topics.RUN_RESULTS_EXTENDED_PAYLOADS, 4,
                Topics.AUTH_SESSION_RESULTS_COMPLETED, 1, Topics.AUTH_SESSION_RESULTS_ERRORS, 2, Topics.AUTH_SESSION_RESULTS_PROGRESS, 2),
                pipeline.counts());
    }

    @Test
    void readsBackAsGeneratedClassesWithModelNames() {
        pipeline.pipe(Topics.RUN_RESULTS_RAW, null, Fixtures.bytes(Family.RUN_RESULT, "failed-full.json"));
        byte[] value = pipeline.read(Topics.RUN_RESULTS_ERRORS).get(0).value();
        RunResult run = (RunResult) new AvroWireDeserializer(pipeline.registry, RunResult.getClassSchema(), true)
                .deserialize(pipeline.name(Topics.RUN_RESULTS_ERRORS), value);
        assertEquals("hQ2mN8vR4tY6uI0oP3aS5", run.getRunId());
        assertEquals(RunStatus.failed, run.getStatus());
        assertEquals("null", run.getResult());
        assertEquals(ErrorCode.script_timeout, run.getError().getCode());
        assertEquals(ErrorCategory.execution, run.getError().getCategory());
        assertEquals(true, run.getError().getRetirable());
        assertEquals("https://docs.example/errors#script-timeout", run.getError().getDocUrl());
        assertEquals("9f1c2b7e-4d3a-4e8f-b6a1-0c5d7e9f2a14", run.getError().getCorrelationId());
        assertEquals("{\"timeoutSeconds\":300,\"lastStep\":\"page.goto\",\"attempts\":[1,2,3],\"browser\":{\"name\":\"chromium\",\"version\":\"156.0\"}}",
                run.getError().getDetails());
    }

    @Test
    void extendedPayloadsFanOutUnderTheParentRunIdWithTheirIndex() {
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("ignored"), Fixtures.bytes(Family.RUN_RESULT, "completed-with-payloads.json"));
        List<TestRecord<byte[], byte[]>> records = pipeline.read(Topics.RUN_RESULTS_EXTENDED_PAYLOADS);
        AvroWireDeserializer reader = new AvroWireDeserializer(pipeline.registry, RunExtendedPayload.getClassSchema(), true);
        String topic = pipeline.name(Topics.RUN_RESULTS_EXTENDED_PAYLOADS);
        List<RunExtendedPayload> payloads = records.stream()
                .peek(record -> assertArrayEquals(utf8("V1StGXR8_Z5jdHi6B-myT"), record.key()))
                .map(record -> (RunExtendedPayload) reader.deserialize(topic, record.value()))
                .toList();
        assertEquals(List.of(
                new RunExtendedPayload("V1StGXR8_Z5jdHi6B-myT", 0, new ExtendedPayload("products/details", null,
                        Map.of("url", "\"https://shop.example/p/123\"", "depth", "2", "includeReviews", "true"))),
                new RunExtendedPayload("V1StGXR8_Z5jdHi6B-myT", 1, new ExtendedPayload("products/details", "Uakgb_J5m9g-0JDMbcJqL",
                        Map.of("url", "\"https://shop.example/p/456\"", "locale", "null"))),
                new RunExtendedPayload("V1StGXR8_Z5jdHi6B-myT", 2, new ExtendedPayload("pagination/next", null, null))),
                payloads);
    }

    @Test
    void extendedPayloadsOfARunInAnyStatusFanOut() {
        pipeline.pipe(Topics.RUN_RESULTS_RAW, null, utf8("{\"runId\":\"p\",\"status\":\"failed\",\"extendedPayloads\":[{\"api\":\"a\"}]}"));
        pipeline.pipe(Topics.RUN_RESULTS_RAW, null, utf8("{\"runId\":\"q\",\"status\":\"pending\",\"extendedPayloads\":[{\"api\":\"b\"},{\"api\":\"c\"}]}"));
        assertEquals(List.of("p", "q", "q"), pipeline.read(Topics.RUN_RESULTS_EXTENDED_PAYLOADS).stream()
                .map(record -> new String(record.key(), java.nio.charset.StandardCharsets.UTF_8)).toList());
    }

    @Test
    void aFamilyHeaderOverridesTheInputTopic() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("runstatus.family", utf8("auth-session-result"));
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("op-9"), Fixtures.bytes(Family.AUTH_SESSION_RESULT, "done.json"), headers);
        List<TestRecord<byte[], byte[]>> records = pipeline.read(Topics.AUTH_SESSION_RESULTS_COMPLETED);
        assertEquals(1, records.size());
        AuthSessionDone done = (AuthSessionDone) new AvroWireDeserializer(pipeline.registry,
                CATALOG.valueSchema(Family.AUTH_SESSION_RESULT), true).deserialize(pipeline.name(Topics.AUTH_SESSION_RESULTS_COMPLETED), records.get(0).value());
        assertEquals("as_01JD4X7K9QF3M2N8P5R6T0V1W", done.getAuthSessionId());
        assertEquals("auth-session-result", new String(records.get(0).headers().lastHeader("runstatus.family").value(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void everyProcessorAndBranchIsNamed() {
        String description = RunStatusTopology.build(pipeline.config.pipelineSettings(), CATALOG, pipeline.ids, pipeline.metrics,
                TopologyOptions.pipeline())
                .describe().toString();
        assertFalse(description.contains("KSTREAM-"), description);
        for (Route route : Route.values()) {
            assertEquals(true, description.contains("route-" + route.branchName()), route.branchName());
        }
        assertEquals(true, description.contains("route-dead-letter"));
    }
}
