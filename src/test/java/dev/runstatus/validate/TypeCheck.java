package dev.runstatus.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks one JSON value against one Avro type and builds the Avro datum for it. */
interface TypeCheck {

    /** Returned instead of a datum when the value broke the type; the reasons are in the findings. */
    Object INVALID = new Object();

    Object check(JsonNode value, Findings findings);

    /** Whether a JSON null is a value of this type rather than a violation. */
    default boolean acceptsNull() {
        return false;
    }

    /** How this type is named to a producer in "expected ..." messages. */
    String expected();
}
