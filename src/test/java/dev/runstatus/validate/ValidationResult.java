package dev.runstatus.validate;

import dev.runstatus.reader.Violation;

import java.util.List;

/**
 * What the validator found: the Avro datum built from a valid document (null when invalid), every
 * violation, and how many keys the schema does not know (accepted and ignored, as the client does).
 */
public record ValidationResult(Object datum, List<Violation> violations, int unknownKeys) {

    public ValidationResult {
        violations = List.copyOf(violations);
    }

    public boolean valid() {
        return violations.isEmpty();
    }
}
