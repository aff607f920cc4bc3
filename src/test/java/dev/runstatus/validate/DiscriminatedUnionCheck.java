package dev.runstatus.validate;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A union of record shapes told apart by one enum field that every shape has (the auth-session
 * family's "status"). The document is checked against the one shape its discriminator names, so its
 * violations are that shape's, as with the client's union of literal-status shapes.
 */
final class DiscriminatedUnionCheck implements TypeCheck {

    private final String discriminator;
    private final Map<String, RecordCheck> shapesByValue;
    private final String expectedValues;

    DiscriminatedUnionCheck(String discriminator, Map<String, RecordCheck> shapesByValue) {
        this.discriminator = discriminator;
        this.shapesByValue = Map.copyOf(shapesByValue);
        this.expectedValues = "one of " + String.join("|", shapesByValue.keySet());
    }

    @Override
    public Object check(JsonNode value, Findings findings) {
        if (!value.isObject()) {
            findings.wrongType(expected(), value);
            return INVALID;
        }
        JsonNode tag = value.get(discriminator);
        if (tag == null) {
            findings.missing(discriminator);
            return INVALID;
        }
        RecordCheck shape = tag.isTextual() ? shapesByValue.get(tag.textValue()) : null;
        if (shape == null) {
            findings.enter(discriminator);
            if (tag.isTextual()) {
                findings.unknownEnumValue(expectedValues, tag);
            } else if (tag.isNull()) {
                findings.nullNotAllowed(expectedValues);
            } else {
                findings.wrongType(expectedValues, tag);
            }
            findings.leave();
            return INVALID;
        }
        return shape.check(value, findings);
    }

    @Override
    public String expected() {
        return "object";
    }
}
