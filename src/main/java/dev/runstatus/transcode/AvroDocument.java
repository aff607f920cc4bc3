package dev.runstatus.transcode;

import java.util.List;
import java.util.Map;

/**
 * A valid document in Avro binary (no wire-format header), with the root fields the pipeline asked to
 * capture, the Avro binary of each item of the captured array, and the number of keys the schema does
 * not name.
 */
public record AvroDocument(byte[] avro, Map<String, String> values, List<byte[]> elements, int unknownKeys) {

    public AvroDocument {
        values = Map.copyOf(values);
        elements = List.copyOf(elements);
    }

    /** A captured root field's value (an enum's symbol), or null when the document has none. */
    public String value(String name) {
        return values.get(name);
    }
}
