package dev.runstatus.reader;

import java.util.Optional;
import java.util.Set;

/**
 * What the pipeline needs from a document besides its Avro binary: the values of some string or enum
 * fields of its root record, and the items of one array field of its root record.
 */
public record Captures(Set<String> values, Optional<String> elements) {

    public static final Captures NONE = new Captures(Set.of(), Optional.empty());

    public Captures {
        values = Set.copyOf(values);
    }
}
