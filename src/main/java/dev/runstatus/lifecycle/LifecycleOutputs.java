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
    private final int statusSchemaId;
    private final int eventSchemaId;
    private final LifecycleCodec codec;
    private final LifecycleMetrics metrics;

    LifecycleOutputs(String statusSink, String eventSink, int statusSchemaId, int eventSchemaId, LifecycleCodec codec,
                     LifecycleMetrics metrics) {
        this.statusSink = statusSink;
        this.eventSink = eventSink;
        this.statusSchemaId = statusSchemaId;
        this.eventSchemaId = eventSchemaId;
        this.codec = codec;
        this.metrics = metrics;
    }

    /** Writes a run's state, {@code encodedState} being its Avro binary as the store holds it. */
    void status(ProcessorContext<byte[], byte[]> context, byte[] key, byte[] encodedState, long timestamp) {
        context.forward(new Record<>(key, WireFormat.frame(statusSchemaId, encodedState), timestamp), statusSink);
    }

    /** Removes the run from the compacted status topic. */
    void tombstone(ProcessorContext<byte[], byte[]> context, byte[] key, long timestamp) {
        context.forward(new Record<byte[], byte[]>(key, null, timestamp), statusSink);
    }

    void event(ProcessorContext<byte[], byte[]> context, byte[] key, LifecycleEvent event, long timestamp) {
        context.forward(new Record<>(key, WireFormat.frame(eventSchemaId, codec.encode(event)), timestamp), eventSink);
        metrics.event(event.family().id(), event.kind().symbol());
    }
}
