package dev.runstatus.reader;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One way a document breaks its schema: where (a JSON pointer into the document, "" for the whole
 * document), what (a short reason), and, when it helps, what was expected and what was found.
 */
public record Violation(String path, String reason, String expected, String actual) {

    public static Violation of(String path, String reason) {
        return new Violation(path, reason, null, null);
    }

    /** "{@code /error/category unknown enum value (expected one of a|b, got "c")}". */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(path.isEmpty() ? "(document)" : path).append(' ').append(reason);
        if (expected != null) {
            text.append(" (expected ").append(expected).append(", got ").append(actual).append(')');
        }
        return text.toString();
    }

    /** Fills a JSON object with path, reason and, when known, expected and actual. */
    public ObjectNode writeTo(ObjectNode entry) {
        entry.put("path", path).put("reason", reason);
        if (expected != null) {
            entry.put("expected", expected).put("actual", actual);
        }
        return entry;
    }
}
