package dev.runstatus.validate;

import dev.runstatus.json.RejectionReason;
import dev.runstatus.reader.Violation;

import java.util.List;

/**
 * The verdict on one document's bytes. An unreadable document (not JSON, or over a limit) has one
 * violation at the document root and names its {@link RejectionReason}; a readable but invalid one
 * has every schema violation.
 */
public record CheckResult(Object datum, List<Violation> violations, int unknownKeys, RejectionReason unreadable) {

    public CheckResult {
        violations = List.copyOf(violations);
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    public boolean readable() {
        return unreadable == null;
    }
}
