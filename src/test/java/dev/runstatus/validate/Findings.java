package dev.runstatus.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runstatus.reader.Violation;

import java.util.ArrayList;
import java.util.List;

/** What one validation run has found so far, and where in the document it is. Not thread-safe: one per run. */
final class Findings {

    private static final int MAX_ACTUAL_CHARS = 80;

    private final List<Violation> violations = new ArrayList<>();
    private final List<Object> path = new ArrayList<>();
    private int unknownKeys;

    void enter(String key) {
        path.add(key);
    }

    void enter(int index) {
        path.add(index);
    }

    void leave() {
        path.remove(path.size() - 1);
    }

    void unknownKey() {
        unknownKeys++;
    }

    void missing(String key) {
        enter(key);
        violations.add(Violation.of(pointer(), "missing required field"));
        leave();
    }

    void nullNotAllowed(String expected) {
        violations.add(new Violation(pointer(), "null is not allowed", expected, "null"));
    }

    void wrongType(String expected, JsonNode actual) {
        violations.add(new Violation(pointer(), "wrong type", expected, typeOf(actual)));
    }

    void unknownEnumValue(String expected, JsonNode actual) {
        violations.add(new Violation(pointer(), "unknown enum value", expected, shortened(actual.toString())));
    }

    List<Violation> violations() {
        return violations;
    }

    int unknownKeys() {
        return unknownKeys;
    }

    static String typeOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
        };
    }

    /** RFC 6901: '~' becomes "~0" and '/' becomes "~1". */
    private String pointer() {
        StringBuilder pointer = new StringBuilder();
        for (Object token : path) {
            pointer.append('/').append(token.toString().replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static String shortened(String text) {
        return text.length() <= MAX_ACTUAL_CHARS ? text : text.substring(0, MAX_ACTUAL_CHARS) + "...";
    }
}
