package dev.runstatus.topology;

import dev.runstatus.config.PipelineSettings;
import dev.runstatus.config.Topic;
import dev.runstatus.reader.Reading;
import dev.runstatus.registry.SchemaIds;
import dev.runstatus.registry.SubjectNames;
import dev.runstatus.registry.WireFormat;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryData;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a validated document into every output record it makes, all at once, so that a failure leaves
 * nothing half-sent: the record for its route and, where its family fans them out, one per extended payload.
 */
final class OutputEncoder {

    /** The extended-payload record's fields, in the order its Avro binary has them. */
    private static final List<String> PAYLOAD_FIELDS = List.of("parentRunId", "index", "payload");
    private static final List<Schema.Type> PAYLOAD_TYPES = List.of(Schema.Type.STRING, Schema.Type.INT, Schema.Type.RECORD);
    /** Record framing in a batch (length, attributes, deltas, header count) is under this many bytes. */
    private static final int RECORD_OVERHEAD_BYTES = 64;
    /** A zig-zag varint of 32 bits takes at most five bytes. */
    private static final int MAX_INT_VARINT_BYTES = 5;

    private final PipelineSettings settings;
    private final Map<Route, byte[]> headerByRoute = new HashMap<>();
    private final Map<Family, Integer> extendedPayloadIds = new HashMap<>();

    /** {@code ids} holds every output subject's schema id, resolved before the topology runs. */
    OutputEncoder(PipelineSettings settings, SchemaCatalog catalog, SchemaIds ids) {
        this.settings = settings;
        for (Route route : Route.values()) {
            headerByRoute.put(route, WireFormat.header(ids.of(SubjectNames.valueSubject(settings.topics().name(route.topic())))));
        }
        requirePayloadShape(catalog.extendedPayloadSchema());
        for (Family family : Family.values()) {
            Topic.extendedPayloadsOf(family).ifPresent(topic ->
                    extendedPayloadIds.put(family, ids.of(SubjectNames.valueSubject(settings.topics().name(topic)))));
        }
    }

    /** The output key: the value of the family's key field, so that each run's records stay in order; else the input key. */
    byte[] key(Outcome.Validated validated, byte[] inputKey) {
        Optional<String> keyField = validated.family().keyField();
        if (keyField.isPresent()) {
            return validated.document().value(keyField.get()).getBytes(StandardCharsets.UTF_8);
        }
        return inputKey;
    }

    Outcome.Encoded encode(Outcome.Validated validated, byte[] key, Headers headers) {
        long headerBytes = sizeOf(headers);
        String topic = settings.topics().name(validated.route().topic());
        byte[] value = validated.document().withHeader(headerByRoute.get(validated.route()));
        requireFits(topic, key, value, headerBytes);
        return new Outcome.Encoded(validated.route(), value, payloads(validated, key, headerBytes));
    }

    /**
     * Each payload record {parentRunId, index, payload} is framed from three parts that are already
     * Avro binary (the payload's is the array item's, as it is), so nothing is written twice.
     */
    private List<byte[]> payloads(Outcome.Validated validated, byte[] key, long headerBytes) {
        Reading run = validated.document();
        Integer extendedPayloadId = extendedPayloadIds.get(validated.family());
        if (extendedPayloadId == null || run.elements().isEmpty()) {
            return List.of();
        }
        String topic = settings.topics().name(Topic.extendedPayloadsOf(validated.family()).orElseThrow());
        byte[] parentRunId = avroString(run.value(validated.family().keyField().orElseThrow()));
        List<byte[]> encoded = new ArrayList<>(run.elements().size());
        for (int index = 0; index < run.elements().size(); index++) {
            byte[] value = WireFormat.frame(extendedPayloadId, parentRunId, avroInt(index), run.elements().get(index));
            requireFits(topic, key, value, headerBytes);
            encoded.add(value);
        }
        return encoded;
    }

    /** Avro binary of a string: its UTF-8 length as a zig-zag varint, then the bytes. */
    private static byte[] avroString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        byte[] length = avroInt(utf8.length);
        byte[] encoded = Arrays.copyOf(length, length.length + utf8.length);
        System.arraycopy(utf8, 0, encoded, length.length, utf8.length);
        return encoded;
    }

    private static byte[] avroInt(int value) {
        byte[] varint = new byte[MAX_INT_VARINT_BYTES];
        return Arrays.copyOf(varint, BinaryData.encodeInt(value, varint, 0));
    }

    private static void requirePayloadShape(Schema schema) {
        List<String> names = schema.getFields().stream().map(Schema.Field::name).toList();
        List<Schema.Type> types = schema.getFields().stream().map(field -> field.schema().getType()).toList();
        if (!names.equals(PAYLOAD_FIELDS) || !types.equals(PAYLOAD_TYPES)) {
            throw new IllegalArgumentException("the extended-payload schema " + schema.getFullName() + " must have the fields "
                    + PAYLOAD_FIELDS + " of types " + PAYLOAD_TYPES + ", in that order; it has " + names + " of " + types);
        }
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
