package dev.runstatus.transcode;

import dev.runstatus.json.JsonLimits;
import dev.runstatus.json.JsonRejectedException;
import dev.runstatus.json.StrictJsonReader;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline's fast path: JSON bytes straight to Avro binary, compiled from one schema, with no tree
 * and no Avro datum in between. It only vouches for documents the full check (validate.DocumentCheck)
 * would pass, with byte for byte the binary Avro's writer makes of the checked datum; for anything
 * else it answers empty, and the full check decides and explains. Thread-safe.
 */
public final class StreamingTranscoder {

    private final Schema schema;
    private final Captures captures;
    private final Step root;
    private final StrictJsonReader reader;
    private final ThreadLocal<Transcoder> transcoders;

    public StreamingTranscoder(Schema schema, JsonLimits limits, Captures captures) {
        this.schema = schema;
        this.captures = captures;
        this.root = TranscodePlan.compile(schema, captures);
        this.reader = new StrictJsonReader(limits);
        this.transcoders = ThreadLocal.withInitial(() -> new Transcoder(StrictJsonReader.parserFactory(limits)));
    }

    /** The document in Avro binary, or empty when this path cannot vouch for it. */
    public Optional<AvroDocument> transcode(byte[] json) {
        try {
            reader.requireReadableBytes(json);
            return Optional.of(transcoders.get().transcode(root, json));
        } catch (JsonRejectedException | IOException | CannotVouch | NumberFormatException e) {
            // A number no exact decimal holds included: the full check names what is wrong.
            return Optional.empty();
        }
    }

    /** What {@link #transcode} gives, made from the datum of a document the full check passed. */
    public AvroDocument fromDatum(GenericRecord datum, int unknownKeys) {
        Map<String, String> values = new HashMap<>();
        for (String name : captures.values()) {
            Object value = datum.hasField(name) ? datum.get(name) : null;
            if (value != null) {
                values.put(name, value.toString());
            }
        }
        List<byte[]> elements = new ArrayList<>();
        captures.elements().filter(datum::hasField).ifPresent(name -> {
            if (datum.get(name) instanceof List<?> items) {
                Schema itemSchema = arrayOf(datum.getSchema().getField(name).schema()).getElementType();
                items.forEach(item -> elements.add(AvroBinary.of(itemSchema, item)));
            }
        });
        return new AvroDocument(AvroBinary.of(schema, datum), values, elements, unknownKeys);
    }

    private static Schema arrayOf(Schema fieldSchema) {
        return fieldSchema.getType() == Schema.Type.UNION
                ? fieldSchema.getTypes().stream().filter(branch -> branch.getType() == Schema.Type.ARRAY).findFirst().orElseThrow()
                : fieldSchema;
    }
}
