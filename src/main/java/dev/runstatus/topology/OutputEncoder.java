package dev.runstatus.topology;

import dev.runstatus.config.PipelineSettings;
import dev.runstatus.config.Topic;
import dev.runstatus.registry.AvroWireSerializer;
import dev.runstatus.registry.SchemaRegistry;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated document into every output record it makes, all at once, so that a failure leaves
 * nothing half-sent: the record for its route and, for a run result, one per extended payload.
 */
final class OutputEncoder {

    private static final String RUN_ID = "runId";
    private static final String EXTENDED_PAYLOADS = "extendedPayloads";
    /** Record framing in a batch (length, attributes, deltas, header count) is under this many bytes. */
    private static final int RECORD_OVERHEAD_BYTES = 64;

    private final PipelineSettings settings;
    private final Map<Family, AvroWireSerializer> byFamily = new EnumMap<>(Family.class);
    private final AvroWireSerializer extendedPayloads;
    private final Schema extendedPayloadSchema;

    OutputEncoder(PipelineSettings settings, SchemaCatalog catalog, SchemaRegistry registry) {
        this.settings = settings;
        for (Family family : Family.values()) {
            byFamily.put(family, new AvroWireSerializer(registry, catalog.valueSchema(family), settings.autoRegisterSchemas()));
        }
        this.extendedPayloadSchema = catalog.extendedPayloadSchema();
        this.extendedPayloads = new AvroWireSerializer(registry, extendedPayloadSchema, settings.autoRegisterSchemas());
    }

    /** The output key: a run result's runId, so that each run's records stay in order; else the input key. */
    byte[] key(Outcome.Validated validated, byte[] inputKey) {
        if (validated.family() == Family.RUN_RESULT) {
            return ((GenericRecord) validated.datum()).get(RUN_ID).toString().getBytes(StandardCharsets.UTF_8);
        }
        return inputKey;
    }

    Outcome.Encoded encode(Outcome.Validated validated, byte[] key, Headers headers) {
        long headerBytes = sizeOf(headers);
        String topic = settings.topics().name(validated.route().topic());
        byte[] value = byFamily.get(validated.family()).serialize(topic, validated.datum());
        requireFits(topic, key, value, headerBytes);
        return new Outcome.Encoded(validated.route(), value, payloads(validated, key, headerBytes));
    }

    private List<byte[]> payloads(Outcome.Validated validated, byte[] key, long headerBytes) {
        if (validated.family() != Family.RUN_RESULT) {
            return List.of();
        }
        GenericRecord run = (GenericRecord) validated.datum();
        List<?> payloads = (List<?>) run.get(EXTENDED_PAYLOADS);
        if (payloads == null || payloads.isEmpty()) {
            return List.of();
        }
        String topic = settings.topics().name(Topic.RUN_RESULTS_EXTENDED_PAYLOADS);
        List<byte[]> encoded = new ArrayList<>(payloads.size());
        for (int index = 0; index < payloads.size(); index++) {
            GenericData.Record record = new GenericData.Record(extendedPayloadSchema);
            record.put("parentRunId", run.get(RUN_ID));
            record.put("index", index);
            record.put("payload", payloads.get(index));
            byte[] value = extendedPayloads.serialize(topic, record);
            requireFits(topic, key, value, headerBytes);
            encoded.add(value);
        }
        return encoded;
    }

    private void requireFits(String topic, byte[] key, byte[] value, long headerBytes) {
        long size = RECORD_OVERHEAD_BYTES + (key == null ? 0 : key.length) + value.length + headerBytes;
        if (size > settings.maxOutputRecordBytes()) {
            throw new OutputTooLargeException(topic, size, settings.maxOutputRecordBytes());
        }
    }

    private static long sizeOf(Headers headers) {
        long bytes = 0;
        for (Header header : headers) {
            bytes += header.key().length() * 3L + (header.value() == null ? 0 : header.value().length) + 8;
        }
        return bytes;
    }
}
