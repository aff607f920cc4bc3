package dev.runstatus.validate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The client's rule for JSON null: it is a value only where the type is "any JSON" (or null itself);
 * anywhere else, optional or not, it is a violation.
 */
final class Nulls {

    private Nulls() {
    }

    static Object check(TypeCheck type, JsonNode value, Findings findings) {
        if (value.isNull() && !type.acceptsNull()) {
            findings.nullNotAllowed(type.expected());
            return TypeCheck.INVALID;
        }
        return type.check(value, findings);
    }
}
