package dev.runstatus.validate;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Function;
import java.util.function.Predicate;

/** A JSON scalar that maps to an Avro primitive with no conversion: strings stay strings, numbers numbers. */
final class ScalarCheck implements TypeCheck {

    static final ScalarCheck STRING = new ScalarCheck("string", JsonNode::isTextual, JsonNode::textValue);
    static final ScalarCheck BOOLEAN = new ScalarCheck("boolean", JsonNode::isBoolean, JsonNode::booleanValue);
    static final ScalarCheck INT = new ScalarCheck("integer (32-bit)",
            node -> node.isIntegralNumber() && node.canConvertToInt(), JsonNode::intValue);
    static final ScalarCheck LONG = new ScalarCheck("integer (64-bit)",
            node -> node.isIntegralNumber() && node.canConvertToLong(), JsonNode::longValue);
    static final ScalarCheck FLOAT = new ScalarCheck("number", JsonNode::isNumber, JsonNode::floatValue);
    static final ScalarCheck DOUBLE = new ScalarCheck("number", JsonNode::isNumber, JsonNode::doubleValue);
    static final ScalarCheck NULL = new ScalarCheck("null", JsonNode::isNull, node -> null);

    private final String expected;
    private final Predicate<JsonNode> accepts;
    private final Function<JsonNode, Object> datum;

    private ScalarCheck(String expected, Predicate<JsonNode> accepts, Function<JsonNode, Object> datum) {
        this.expected = expected;
        this.accepts = accepts;
        this.datum = datum;
    }

    @Override
    public Object check(JsonNode value, Findings findings) {
        if (accepts.test(value)) {
            return datum.apply(value);
        }
        findings.wrongType(expected, value);
        return INVALID;
    }

    @Override
    public boolean acceptsNull() {
        return this == NULL;
    }

    @Override
    public String expected() {
        return expected;
    }
}
