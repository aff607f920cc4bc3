package dev.runstatus.topology;

import dev.runstatus.registry.WireFormat;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.util.List;

/**
 * One record per extended payload of an encoded run result, under the parent's key, each with its own
 * provenance: the payload schema's id and the payload's index in the parent.
 */
final class ExtendedPayloadFanOut implements FixedKeyProcessor<byte[], Outcome, byte[]> {

    private FixedKeyProcessorContext<byte[], byte[]> context;

    @Override
    public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], Outcome> record) {
        List<byte[]> payloads = record.value().extendedPayloads();
        if (payloads.isEmpty()) {
            return;
        }
        SourceCoordinates source = SourceCoordinates.of(context.recordMetadata().orElseThrow(), record.timestamp());
        for (int index = 0; index < payloads.size(); index++) {
            byte[] payload = payloads.get(index);
            context.forward(record.withValue(payload)
                    .withHeaders(Provenance.of(record.headers(), source, WireFormat.schemaId(payload), index)));
        }
    }
}
