package dev.runstatus.topology;

import dev.runstatus.Fixtures;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.PipelineVersion;
import dev.runstatus.config.Topic;
import dev.runstatus.config.Topics;
import dev.runstatus.schema.Family;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterTest {

    private static final String VALIDATE_EXCEPTION = "none: rejected for its content (runstatus.error.reason says why)";

    private PipelineHarness pipeline = new PipelineHarness();

    @AfterEach
    void close() {
        pipeline.close();
    }

    /** Sends one record with a header of its own and returns the one dead-letter record it became. */
    private TestRecord<byte[], byte[]> deadLetter(Topic input, byte[] key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", utf8("abc-123"));
        pipeline.pipe(input, key, value, headers);
        List<TestRecord<byte[], byte[]>> records = pipeline.read(Topic.DEAD_LETTER);
        assertEquals(1, records.size());
        TestRecord<byte[], byte[]> record = records.get(0);
        assertArrayEquals(key, record.key());
        assertArrayEquals(value, record.value());
        assertEquals(PipelineHarness.TIMESTAMP, record.getRecordTime());
        assertEquals(Map.of(), pipeline.counts());
        return record;
    }

    private static List<String> headers(TestRecord<byte[], byte[]> record) {
        List<String> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(header.key() + "=" + (header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8)));
        }
        return headers;
    }

    private static List<String> expectedHeaders(String exception, String message, String topic, String stage, String reason,
                                                String violations, String family) {
        List<String> headers = new ArrayList<>(List.of(
                "trace-id=abc-123",
                "__streams.errors.exception=" + exception,
                "__streams.errors.message=" + message,
                "__streams.errors.stacktrace=" + exception + ": " + message,
                "__streams.errors.topic=" + topic,
                "__streams.errors.partition=0",
                "__streams.errors.offset=0",
                "runstatus.error.stage=" + stage,
                "runstatus.error.reason=" + reason,
                "runstatus.error.violations=" + violations));
        if (family != null) {
            headers.add("runstatus.error.family=" + family);
        }
        headers.add("runstatus.error.pipeline-version=" + PipelineVersion.current());
        headers.addAll(provenance(topic));
        return headers;
    }

    /** The harness pipes every record at offset 0 of partition 0, with one timestamp. */
    private static List<String> provenance(String topic) {
        return List.of("runstatus.source.topic=" + topic, "runstatus.source.partition=0", "runstatus.source.offset=0",
                "runstatus.source.timestamp=" + PipelineHarness.TIMESTAMP.toEpochMilli(),
                "runstatus.pipeline.version=" + PipelineVersion.current());
    }

    @Test
    void headerNamesMatchKafkaStreamsOwnDeadLetterHeaders() {
        assertEquals(List.of(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME,
                        ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME,
                        ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME),
                dev.runstatus.config.HeaderKeys.DEAD_LETTER_HEADERS.subList(0, 6));
    }

    @Test
    void notJson() {
        TestRecord<byte[], byte[]> record = deadLetter(Topics.RUN_RESULTS_RAW, utf8("key-1"), utf8("runId=abc status=completed"));
        assertEquals(expectedHeaders(VALIDATE_EXCEPTION,
                        "invalid-json: Unrecognized token 'runId': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at byte 0",
                        "run-results.raw", "parse", "invalid-json",
                        "[{\"path\":\"\",\"reason\":\"invalid-json: Unrecognized token 'runId': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at byte 0\"}]",
                        "run-result"),
                headers(record));
    }

    @Test
    void wrongTypeAndMissingRequiredFieldAreBothReported() {
        TestRecord<byte[], byte[]> record = deadLetter(Topics.RUN_RESULTS_RAW, utf8("key-2"), utf8("{\"status\":\"failed\",\"message\":42}"));
        assertEquals(expectedHeaders(VALIDATE_EXCEPTION,
                        "2 schema violation(s): /runId missing required field; ...",
                        "run-results.raw", "validate", "schema-violation",
                        "[{\"path\":\"/runId\",\"reason\":\"missing required field\"},"
                                + "{\"path\":\"/message\",\"reason\":\"wrong type\",\"expected\":\"string\",\"actual\":\"number\"}]",
                        "run-result"),
                headers(record));
    }

    @Test
    void unknownEnumValueSuchAsOneFromANewerClient() {
        byte[] value = utf8("{\"runId\":\"V1StGXR8_Z5jdHi6B-myT\",\"status\":\"canceled\","
                + "\"reason\":{\"type\":\"cancelled-user-action\",\"message\":\"User canceled\"}}");
        TestRecord<byte[], byte[]> record = deadLetter(Topics.RUN_RESULTS_RAW, utf8("key-3"), value);
        assertEquals(expectedHeaders(VALIDATE_EXCEPTION,
                        "1 schema violation(s): /reason/type unknown enum value (expected one of auth-session-validate-dependency-failed"
                                + "|terminated|job-run-paused|job-run-terminated|failed-to-initialize-job-run|api-access-disabled, got \"cancelled-user-action\")",
                        "run-results.raw", "validate", "schema-violation",
                        "[{\"path\":\"/reason/type\",\"reason\":\"unknown enum value\",\"expected\":\"one of auth-session-validate-dependency-failed"
                                + "|terminated|job-run-paused|job-run-terminated|failed-to-initialize-job-run|api-access-disabled\","
                                + "\"actual\":\"\\\"cancelled-user-action\\\"\"}]",
                        "run-result"),
                headers(record));
    }

    @Test
    void nullInAnOptionalField() {
        TestRecord<byte[], byte[]> record = deadLetter(Topics.AUTH_SESSION_RESULTS_RAW, utf8("op-1"),
                utf8("{\"status\":\"failed\",\"message\":\"m\",\"error\":{\"message\":\"m\",\"category\":\"auth\",\"code\":null}}"));
        assertTrue(headers(record).contains("runstatus.error.violations=[{\"path\":\"/error/code\",\"reason\":\"null is not allowed\","
                + "\"expected\":\"one of internal-server-error|script-process-crashed|unexpected|script-execution-exception"
                + "|script-no-valid-output-received|result-too-big-error|script-timeout|script-unexpected-error|auth-check-failed"
                + "|all-attempts-failed|check-attempts-failed|create-attempts-failed|post-create-check-attempts-failed"
                + "|api-attempts-failed|onepassword-integration-error|job-run-terminated\",\"actual\":\"null\"}]"), headers(record).toString());
        assertTrue(headers(record).contains("runstatus.error.family=auth-session-result"));
        assertTrue(headers(record).contains("__streams.errors.topic=auth-session-results.raw"));
    }

    @Test
    void documentOfTheWrongFamily() {
        TestRecord<byte[], byte[]> record = deadLetter(Topics.AUTH_SESSION_RESULTS_RAW, utf8("op-2"),
                Fixtures.bytes(Family.RUN_RESULT, "completed-reference.json"));
        assertTrue(headers(record).contains("runstatus.error.violations=[{\"path\":\"/status\",\"reason\":\"unknown enum value\","
                + "\"expected\":\"one of in_progress|pending|done|canceled|failed\",\"actual\":\"\\\"completed\\\"\"}]"), headers(record).toString());
    }

    @Test
    void invalidUtf8() {
        byte[] value = utf8("{\"runId\":\"r\",\"status\":\"completed\",\"result\":\"caf?\"}");
        value[value.length - 3] = (byte) 0xE9;
        TestRecord<byte[], byte[]> record = deadLetter(Topics.RUN_RESULTS_RAW, utf8("key-4"), value);
        assertTrue(headers(record).contains("runstatus.error.reason=invalid-utf8"), headers(record).toString());
        assertTrue(headers(record).contains("runstatus.error.stage=parse"));
    }

    @Test
    void overTheSizeLimit() {
        pipeline.close();
        pipeline = new PipelineHarness(Map.of(ConfigKeys.MAX_DOCUMENT_BYTES, "64"));
        byte[] value = utf8("{\"runId\":\"V1StGXR8_Z5jdHi6B-myT\",\"status\":\"completed\",\"result\":\"0123456789\"}");
        TestRecord<byte[], byte[]> record = deadLetter(Topics.RUN_RESULTS_RAW, utf8("key-5"), value);
        assertTrue(headers(record).contains("runstatus.error.reason=too-large"), headers(record).toString());
        assertTrue(headers(record).contains("__streams.errors.message=too-large: document is 76 bytes, over the limit of 64"),
                headers(record).toString());
    }

    @Test
    void overTheDepthLimit() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        TestRecord<byte[], byte[]> record = deadLetter(Topics.RUN_RESULTS_RAW, utf8("key-6"),
                utf8("{\"runId\":\"r\",\"status\":\"completed\",\"result\":" + deep + "}"));
        assertTrue(headers(record).contains("runstatus.error.reason=too-deep"), headers(record).toString());
    }

    @Test
    void aNumberNoExactDecimalHoldsIsRejectedAtParseWithItsOwnReason() {
        byte[] value = utf8("{\"runId\":\"r\",\"status\":\"completed\",\"result\":[1.50, 1e9999999999]}");
        TestRecord<byte[], byte[]> record = deadLetter(Topics.RUN_RESULTS_RAW, utf8("key-6b"), value);
        assertArrayEquals(value, record.value());
        assertTrue(headers(record).contains("runstatus.error.stage=parse"), headers(record).toString());
        assertTrue(headers(record).contains("runstatus.error.reason=number-out-of-range"), headers(record).toString());
    }

    @Test
    void emptyAndNullValuesKeepTheirKey() {
        deadLetter(Topics.RUN_RESULTS_RAW, utf8("key-7"), new byte[0]);
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("key-8"), null);
        TestRecord<byte[], byte[]> tombstone = pipeline.read(Topic.DEAD_LETTER).get(0);
        assertArrayEquals(utf8("key-8"), tombstone.key());
        assertEquals(null, tombstone.value());
        assertTrue(headers(tombstone).contains("runstatus.error.reason=empty"));
    }

    @Test
    void anUnknownFamilyHeader() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("runstatus.family", utf8("RunResult"));
        byte[] value = Fixtures.bytes(Family.RUN_RESULT, "pending.json");
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("key-9"), value, headers);
        TestRecord<byte[], byte[]> record = pipeline.read(Topic.DEAD_LETTER).get(0);
        assertArrayEquals(value, record.value());
        List<String> expected = new ArrayList<>(List.of("runstatus.family=RunResult",
                "__streams.errors.exception=" + VALIDATE_EXCEPTION,
                "__streams.errors.message=no document family for this record: header runstatus.family must be one of "
                        + "[run-result, auth-session-result] or the record must come from a raw input topic",
                "__streams.errors.stacktrace=" + VALIDATE_EXCEPTION + ": no document family for this record: header runstatus.family "
                        + "must be one of [run-result, auth-session-result] or the record must come from a raw input topic",
                "__streams.errors.topic=run-results.raw", "__streams.errors.partition=0", "__streams.errors.offset=0",
                "runstatus.error.stage=route", "runstatus.error.reason=unknown-family", "runstatus.error.violations=[]",
                "runstatus.error.pipeline-version=" + PipelineVersion.current()));
        expected.addAll(provenance("run-results.raw"));
        assertEquals(expected, headers(record));
    }

    @Test
    void errorHeadersFromAnEarlierDeadLetteringAreReplacedNotAccumulated() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("runstatus.error.stage", utf8("validate"));
        headers.add("__streams.errors.stacktrace", utf8("x".repeat(10_000)));
        headers.add("trace-id", utf8("abc-123"));
        headers.add("runstatus.source.offset", utf8("999"));
        pipeline.pipe(Topics.RUN_RESULTS_RAW, utf8("key-10"), utf8("{"), headers);
        List<String> keys = new ArrayList<>();
        pipeline.read(Topic.DEAD_LETTER).get(0).headers().forEach(header -> keys.add(header.key()));
        assertEquals(List.of("trace-id", "__streams.errors.exception", "__streams.errors.message", "__streams.errors.stacktrace",
                "__streams.errors.topic", "__streams.errors.partition", "__streams.errors.offset", "runstatus.error.stage",
                "runstatus.error.reason", "runstatus.error.violations", "runstatus.error.family",
                "runstatus.error.pipeline-version", "runstatus.source.topic", "runstatus.source.partition",
                "runstatus.source.offset", "runstatus.source.timestamp", "runstatus.pipeline.version"), keys);
    }

    @Test
    void anOutputTooLargeForItsTopicIsDeadLetteredBeforeItIsSent() {
        pipeline.close();
        pipeline = new PipelineHarness(Map.of(ConfigKeys.MAX_OUTPUT_RECORD_BYTES, "300"));
        byte[] value = utf8("{\"runId\":\"V1StGXR8_Z5jdHi6B-myT\",\"status\":\"completed\",\"result\":\"" + "x".repeat(400) + "\"}");
        TestRecord<byte[], byte[]> record = deadLetter(Topics.RUN_RESULTS_RAW, utf8("key-11"), value);
        List<String> headers = headers(record);
        assertTrue(headers.contains("runstatus.error.stage=produce"), headers.toString());
        assertTrue(headers.contains("runstatus.error.reason=record-too-large"), headers.toString());
        assertTrue(headers.contains("__streams.errors.exception=dev.runstatus.topology.OutputTooLargeException"), headers.toString());
        assertTrue(headers.contains("__streams.errors.message=a record for run-results.completed would be 561 bytes, over the limit "
                + "of 300 (runstatus.max.output.record.bytes)"), headers.toString());
    }

    @Test
    void goodRecordsAroundABadOneStillFlow() {
        pipeline.pipe(Topics.RUN_RESULTS_RAW, null, Fixtures.bytes(Family.RUN_RESULT, "pending.json"));
        pipeline.pipe(Topics.RUN_RESULTS_RAW, null, utf8("{oops"));
        pipeline.pipe(Topics.RUN_RESULTS_RAW, null, Fixtures.bytes(Family.RUN_RESULT, "started.json"));
        assertEquals(Map.of(Topics.RUN_RESULTS_PROGRESS, 2, Topic.DEAD_LETTER, 1), pipeline.counts());
    }
}
