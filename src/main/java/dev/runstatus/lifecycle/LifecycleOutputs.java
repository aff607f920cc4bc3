package dev.runstatus.lifecycle;

import dev.runstatus.metrics.LifecycleMetrics;
import dev.runstatus.registry.WireFormat;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Writes a family's lifecycle records in the wire format: run states (and tombstones) to its status
 * topic, events to the lifecycle-events topic, each keyed like the branch topics.
 */
final class LifecycleOutputs {

    private final String statusSink;
    private final String eventSink;
    private final String statusTopic;
    private final String eventTopic;
    private final int statusSchemaId;
    private final int eventSchemaId;
    private final LifecycleCodec codec;
    private final LifecycleMetrics metrics;

    /** Each sink's name in the topology and its topic's name, for the records-out meter. */
    LifecycleOutputs(String statusSink, String statusTopic, String eventSink, String eventTopic, int statusSchemaId, int eventSchemaId,
                     LifecycleCodec codec, LifecycleMetrics metrics) {
        this.statusSink = statusSink;
        this.eventSink = eventSink;
        this.statusTopic = statusTopic;
        this.eventTopic = eventTopic;
        this.statusSchemaId = statusSchemaId;
        this.eventSchemaId = eventSchemaId;
        this.codec = codec;
        this.metrics = metrics;
    }

    /** Writes a run's state, {@code encodedState} being its Avro binary as the store holds it. */
    void status(ProcessorContext<byte[], byte[]> context, byte[] key, byte[] encodedState, long timestamp) {
        context.forward(new Record<>(key, WireFormat.frame(statusSchemaId, encodedState), timestamp), statusSink);
        metrics.recordOut(statusTopic);
    }

    /** Removes the run from the compacted status topic. */
    void tombstone(ProcessorContext<byte[], byte[]> context, byte[] key, long timestamp) {
        context.forward(new Record<byte[], byte[]>(key, null, timestamp), statusSink);
        metrics.recordOut(statusTopic);
    }

    void event(ProcessorContext<byte[], byte[]> context, byte[] key, LifecycleEvent event, long timestamp) {
        context.forward(new Record<>(key, WireFormat.frame(eventSchemaId, codec.encode(event)), timestamp), eventSink);
        metrics.event(event.family().id(), event.kind().symbol());
        metrics.recordOut(eventTopic);
    }
}
