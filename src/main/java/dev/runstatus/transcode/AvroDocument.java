package dev.runstatus.transcode;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A valid document in Avro binary (no wire-format header), with the root fields the pipeline asked to
 * capture, the Avro binary of each item of the captured array, and the number of keys the schema does
 * not name.
 */
public record AvroDocument(byte[] avro, Map<String, String> values, List<byte[]> elements, int unknownKeys) {

    /** Made once per document from collections nobody else holds, so wrapped rather than copied. */
    public AvroDocument {
        values = Collections.unmodifiableMap(values);
        elements = Collections.unmodifiableList(elements);
    }

    /** A captured root field's value (an enum's symbol), or null when the document has none. */
    public String value(String name) {
        return values.get(name);
    }
}
