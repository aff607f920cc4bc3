package dev.runstatus.topology;

import dev.runstatus.registry.WireFormat;
import dev.runstatus.schema.Family;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.util.List;

/**
 * One record per extended payload of an encoded document of one family, under the parent's key. It reads what
 * {@link EncodeProcessor} forwards, whose headers are already the parent's provenance; each payload
 * keeps them, with its own schema id and its index in the parent.
 */
final class ExtendedPayloadFanOut implements FixedKeyProcessor<byte[], Outcome, byte[]> {

    private final Family family;
    private FixedKeyProcessorContext<byte[], byte[]> context;

    ExtendedPayloadFanOut(Family family) {
        this.family = family;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], Outcome> record) {
        if (!(record.value() instanceof Outcome.Encoded encoded) || encoded.route().family() != family) {
            return;
        }
        List<byte[]> payloads = encoded.extendedPayloads();
        for (int index = 0; index < payloads.size(); index++) {
            byte[] payload = payloads.get(index);
            int schemaId = WireFormat.schemaId(payload);
            context.forward(record.withHeaders(Provenance.ofExtendedPayload(record.headers(), schemaId, index))
                    .withValue(payload));
        }
    }
}
