package dev.runstatus.reader;

import dev.runstatus.json.JsonRejectedException;
import dev.runstatus.json.RejectionReason;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What became of one document. Valid: its Avro binary (no wire-format header), the root fields the
 * reader was asked to capture, the Avro binary of each item of the captured array, and how many keys
 * the schema does not name. Invalid: every violation, in schema order. Unreadable: one violation at the
 * document's root and the reason its bytes were refused.
 */
public record Reading(byte[] avro, Map<String, String> values, List<byte[]> elements, int unknownKeys,
                      List<Violation> violations, RejectionReason unreadable) {

    /** Made once per document from collections nobody else holds, so wrapped rather than copied. */
    public Reading {
        values = Collections.unmodifiableMap(values);
        elements = Collections.unmodifiableList(elements);
        violations = violations.isEmpty() ? List.of() : Collections.unmodifiableList(violations);
    }

    static Reading valid(byte[] avro, Map<String, String> values, List<byte[]> elements, int unknownKeys) {
        return new Reading(avro, values, elements, unknownKeys, List.of(), null);
    }

    static Reading invalid(List<Violation> violations, int unknownKeys) {
        return new Reading(null, Map.of(), List.of(), unknownKeys, violations, null);
    }

    static Reading unreadable(JsonRejectedException rejection) {
        return new Reading(null, Map.of(), List.of(), 0,
                List.of(Violation.of("", rejection.reason().code() + ": " + rejection.getMessage())), rejection.reason());
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    public boolean readable() {
        return unreadable == null;
    }

    /** A captured root field's value (an enum's symbol), or null when the document has none. */
    public String value(String name) {
        return values.get(name);
    }
}
