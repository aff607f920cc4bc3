package dev.runstatus.lifecycle;

import dev.runstatus.config.TopicNames;
import dev.runstatus.metrics.LifecycleMetrics;
import dev.runstatus.metrics.MetricNames;
import dev.runstatus.registry.AvroWireDeserializer;
import dev.runstatus.registry.InMemorySchemaRegistry;
import dev.runstatus.registry.RegistryUnavailableException;
import dev.runstatus.registry.SchemaIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The lifecycle never dead-letters: a transient failure is retried, anything else becomes an unreadable event. */
class LifecycleExceptionHandlerTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LifecycleExceptionHandler handler = new LifecycleExceptionHandler();
    private final int eventSchemaId = registry.register("runstatus.lifecycle-events-value", LifecycleCodec.eventSchema());

    LifecycleExceptionHandlerTest() {
        LifecycleFaults faults = new LifecycleFaults(TopicNames.defaults(), new SchemaIds(Map.of("runstatus.lifecycle-events-value",
                eventSchemaId)), new LifecycleMetrics(meters));
        Map<String, Object> configs = new HashMap<>();
        faults.attachTo(new Properties()).forEach((key, value) -> configs.put(key.toString(), value));
        handler.configure(configs);
    }

    @Test
    void aRegistryThatDoesNotAnswerFailsTheTaskSoThatTheReportIsReadOnceItAnswers() {
        ProcessingExceptionHandler.Response response = handler.handleError(context("run-results.completed"),
                new Record<>(utf8("run-1"), new byte[]{0, 0, 0, 0, 9}, 0L), new RegistryUnavailableException("no answer", null));
        assertEquals(ProcessingExceptionHandler.Result.FAIL, response.result());
        assertEquals(List.of(), response.deadLetterQueueRecords());
    }

    @Test
    void anUnexpectedExceptionBecomesAnUnreadableEventOnTheLifecycleTopicNeverADeadLetter() {
        ProcessingExceptionHandler.Response response = handler.handleError(context("auth-session-results.progress"),
                new Record<>(utf8("op-1"), new byte[]{0}, 0L), new IllegalStateException("a bug"));
        assertEquals(ProcessingExceptionHandler.Result.RESUME, response.result());
        assertEquals(1, response.deadLetterQueueRecords().size());
        ProducerRecord<byte[], byte[]> event = response.deadLetterQueueRecords().get(0);
        assertEquals("runstatus.lifecycle-events", event.topic());
        assertEquals("op-1", new String(event.key()));
        assertEquals(1_700_000_000_000L, event.timestamp());
        GenericRecord decoded = (GenericRecord) new AvroWireDeserializer(registry).deserialize(null, event.value());
        assertEquals("unreadable", decoded.get("kind").toString());
        assertEquals("auth-session-result", decoded.get("family").toString());
        assertEquals("op-1", decoded.get("key").toString());
        assertEquals("auth-session-results.progress-2@17", decoded.get("reportSource").toString());
        assertEquals("the lifecycle failed on it unexpectedly (IllegalStateException)", decoded.get("cause").toString());
        assertNull(decoded.get("before"));
        assertEquals(1.0, meters.get(MetricNames.LIFECYCLE_EVENTS).tag("family", "auth-session-result").tag("kind", "unreadable")
                .counter().count());
    }

    private static ErrorHandlerContext context(String topic) {
        Headers headers = new RecordHeaders();
        return new ErrorHandlerContext() {
            public String topic() { return topic; }
            public int partition() { return 2; }
            public long offset() { return 17L; }
            public Headers headers() { return headers; }
            public String processorNodeId() { return "track-auth-session-result-lifecycle"; }
            public TaskId taskId() { return new TaskId(1, 2); }
            public long timestamp() { return 1_700_000_000_000L; }
            public byte[] sourceRawKey() { return utf8("op-1"); }
            public byte[] sourceRawValue() { return new byte[]{0}; }
        };
    }
}
