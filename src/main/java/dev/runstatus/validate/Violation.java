package dev.runstatus.validate;

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
}
