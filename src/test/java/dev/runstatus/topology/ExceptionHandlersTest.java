package dev.runstatus.topology;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.PipelineVersion;
import dev.runstatus.config.TopicNames;
import dev.runstatus.metrics.MetricNames;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.registry.RegistryUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExceptionHandlersTest {

    private static final Map<String, String> CONFIG = Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "runstatus.dlq");
    private static final byte[] RAW_KEY = utf8("op-1");
    private static final byte[] RAW_VALUE = utf8("{\"status\":\"pending\"}");

    private static ErrorHandlerContext context() {
        Headers headers = new RecordHeaders();
        headers.add("trace-id", utf8("abc"));
        return new ErrorHandlerContext() {
            public String topic() { return "auth-session-results.raw"; }
            public int partition() { return 3; }
            public long offset() { return 42L; }
            public Headers headers() { return headers; }
            public String processorNodeId() { return "write-auth-session-progress"; }
            public TaskId taskId() { return new TaskId(0, 3); }
            public long timestamp() { return 1_700_000_000_000L; }
            public byte[] sourceRawKey() { return RAW_KEY; }
            public byte[] sourceRawValue() { return RAW_VALUE; }
        };
    }

    private static ProductionExceptionHandler production() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(configsWith(new PipelineMetrics(new SimpleMeterRegistry(), TopicNames.defaults())));
        return handler;
    }

    private static Map<String, String> headerMap(Headers headers) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (Header header : headers) {
            map.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return map;
    }

    @Test
    void aRecordTheBrokerRefusesIsDeadLetteredWithTheInputThatMadeIt() {
        ProducerRecord<byte[], byte[]> output = new ProducerRecord<>("auth-session-results.progress", utf8("op-1"), new byte[2_000_000]);
        ProductionExceptionHandler.Response response = production().handleError(context(), output,
                new RecordTooLargeException("The message is 2000100 bytes"));
        assertEquals(ProductionExceptionHandler.Result.RESUME, response.result());
        assertEquals(1, response.deadLetterQueueRecords().size());
        ProducerRecord<byte[], byte[]> deadLetter = response.deadLetterQueueRecords().get(0);
        assertEquals("runstatus.dlq", deadLetter.topic());
        assertEquals(null, deadLetter.partition());
        assertEquals(1_700_000_000_000L, deadLetter.timestamp());
        assertArrayEquals(RAW_KEY, deadLetter.key());
        assertArrayEquals(RAW_VALUE, deadLetter.value());
        Map<String, String> headers = headerMap(deadLetter.headers());
        assertEquals(List.of("trace-id", "__streams.errors.exception", "__streams.errors.message", "__streams.errors.stacktrace",
                "__streams.errors.topic", "__streams.errors.partition", "__streams.errors.offset", "runstatus.error.stage",
                "runstatus.error.reason", "runstatus.error.violations", "runstatus.error.pipeline-version",
                "runstatus.source.topic", "runstatus.source.partition", "runstatus.source.offset", "runstatus.source.timestamp",
                "runstatus.pipeline.version"), new ArrayList<>(headers.keySet()));
        assertEquals("abc", headers.get("trace-id"));
        assertEquals("org.apache.kafka.common.errors.RecordTooLargeException", headers.get("__streams.errors.exception"));
        assertEquals("org.apache.kafka.common.errors.RecordTooLargeException: The message is 2000100 bytes", headers.get("__streams.errors.message"));
        assertTrue(headers.get("__streams.errors.stacktrace").startsWith("org.apache.kafka.common.errors.RecordTooLargeException: The message is 2000100 bytes"));
        assertTrue(headers.get("__streams.errors.stacktrace").length() <= DeadLetterHeaders.MAX_STACKTRACE_CHARS + 40);
        assertEquals("auth-session-results.raw", headers.get("__streams.errors.topic"));
        assertEquals("3", headers.get("__streams.errors.partition"));
        assertEquals("42", headers.get("__streams.errors.offset"));
        assertEquals("produce", headers.get("runstatus.error.stage"));
        assertEquals("record-too-large", headers.get("runstatus.error.reason"));
        assertEquals("[]", headers.get("runstatus.error.violations"));
        assertEquals(PipelineVersion.current(), headers.get("runstatus.error.pipeline-version"));
        assertEquals("auth-session-results.raw", headers.get("runstatus.source.topic"));
        assertEquals("3", headers.get("runstatus.source.partition"));
        assertEquals("42", headers.get("runstatus.source.offset"));
        assertEquals("1700000000000", headers.get("runstatus.source.timestamp"));
        assertEquals(PipelineVersion.current(), headers.get("runstatus.pipeline.version"));
    }

    @Test
    void aDeadLetterRecordTheBrokerRefusesFailsTheTaskInsteadOfDroppingTheInput() {
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>("runstatus.dlq", RAW_KEY, RAW_VALUE);
        assertEquals(ProductionExceptionHandler.Result.FAIL,
                production().handleError(context(), deadLetter, new RecordTooLargeException("too large")).result());
        assertEquals(ProductionExceptionHandler.Result.FAIL,
                production().handleError(context(), deadLetter, new NotEnoughReplicasException("no")).result());
        assertEquals(List.of(), production().handleError(context(), deadLetter, new RecordTooLargeException("too large")).deadLetterQueueRecords());
    }

    @Test
    void aTransientBrokerErrorIsRetriedNotDeadLettered() {
        ProducerRecord<byte[], byte[]> output = new ProducerRecord<>("run-results.completed", RAW_KEY, RAW_VALUE);
        ProductionExceptionHandler.Response response = production().handleError(context(), output, new NotEnoughReplicasException("isr"));
        assertEquals(ProductionExceptionHandler.Result.RETRY, response.result());
        assertEquals(List.of(), response.deadLetterQueueRecords());
    }

    @Test
    void anUnexpectedProcessorExceptionDeadLettersTheInput() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(configsWith(new PipelineMetrics(new SimpleMeterRegistry(), TopicNames.defaults())));
        Record<byte[], byte[]> record = new Record<>(RAW_KEY, RAW_VALUE, 0L);

        ProcessingExceptionHandler.Response bug = handler.handleError(context(), record, new IllegalStateException("boom"));
        assertEquals(ProcessingExceptionHandler.Result.RESUME, bug.result());
        Map<String, String> headers = headerMap(bug.deadLetterQueueRecords().get(0).headers());
        assertEquals("process", headers.get("runstatus.error.stage"));
        assertEquals("unexpected-exception", headers.get("runstatus.error.reason"));
        assertArrayEquals(RAW_VALUE, bug.deadLetterQueueRecords().get(0).value());
    }

    @Test
    void aRegistryOrClusterThatDoesNotAnswerFailsTheTaskAndDeadLettersNothing() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(configsWith(new PipelineMetrics(new SimpleMeterRegistry(), TopicNames.defaults())));
        Record<byte[], byte[]> record = new Record<>(RAW_KEY, RAW_VALUE, 0L);
        for (Exception transientCause : List.of(new RegistryUnavailableException("no answer within 2000 ms", null),
                new NotEnoughReplicasException("isr"), new TopicAuthorizationException(java.util.Set.of("runstatus.dlq")))) {
            ProcessingExceptionHandler.Response response = handler.handleError(context(), record, transientCause);
            assertEquals(ProcessingExceptionHandler.Result.FAIL, response.result(), transientCause.toString());
            assertEquals(List.of(), response.deadLetterQueueRecords());
        }
    }

    @Test
    void handlersCountTheirDeadLettersOnTheMetersThePipelineAttached() {
        PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry(), TopicNames.defaults());
        Map<String, Object> configs = configsWith(metrics);
        DeadLetterProductionHandler production = new DeadLetterProductionHandler();
        production.configure(configs);
        DeadLetterProcessingHandler processing = new DeadLetterProcessingHandler();
        processing.configure(configs);

        production.handleError(context(), new ProducerRecord<>("auth-session-results.progress", RAW_KEY, RAW_VALUE),
                new RecordTooLargeException("too large"));
        processing.handleError(context(), new Record<>(RAW_KEY, RAW_VALUE, 0L), new IllegalStateException("bug"));

        MeterRegistry meters = metrics.registry();
        assertEquals(1.0, meters.get(MetricNames.DEAD_LETTERS).tag(MetricNames.TAG_STAGE, "produce")
                .tag(MetricNames.TAG_REASON, "record-too-large").counter().count());
        assertEquals(1.0, meters.get(MetricNames.DEAD_LETTERS).tag(MetricNames.TAG_STAGE, "process")
                .tag(MetricNames.TAG_REASON, "unexpected-exception").counter().count());
        assertEquals(2.0, meters.get(MetricNames.RECORDS_OUT).tag(MetricNames.TAG_TOPIC, "runstatus.dlq").counter().count());
    }

    @Test
    void aDryRunCountsTheDeadLetterButSendsNone() {
        PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry(), TopicNames.defaults());
        Map<String, Object> configs = configsWith(metrics);
        configs.put(ConfigKeys.DISCARD_OUTPUTS, "true");
        DeadLetterProcessingHandler processing = new DeadLetterProcessingHandler();
        processing.configure(configs);

        ProcessingExceptionHandler.Response response = processing.handleError(context(), new Record<>(RAW_KEY, RAW_VALUE, 0L),
                new IllegalStateException("bug"));

        assertEquals(ProcessingExceptionHandler.Result.RESUME, response.result());
        assertEquals(List.of(), response.deadLetterQueueRecords());
        assertEquals(1.0, metrics.registry().get(MetricNames.DEAD_LETTERS).tag(MetricNames.TAG_STAGE, "process")
                .tag(MetricNames.TAG_REASON, "unexpected-exception").counter().count());
    }

    /** The handlers' configuration as Kafka Streams hands it over, with the pipeline's meters attached. */
    private static Map<String, Object> configsWith(PipelineMetrics metrics) {
        Map<String, Object> configs = new HashMap<>(CONFIG);
        metrics.attachTo(new Properties()).forEach((key, value) -> configs.put(key.toString(), value));
        return configs;
    }
}
