package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads one JSON value, from the parser's current token, against one Avro type: writes its Avro binary,
 * or records why it breaks the type and skips it. A step leaves the parser on the value's last token.
 */
interface Step {

    void read(JsonParser parser, Cursor cursor) throws IOException;

    /** Whether JSON null is a value of this type (only "any JSON" and null itself). */
    default boolean acceptsNull() {
        return false;
    }

    /** How this type is named to a producer in "expected ..." messages. */
    String expected();

    /** The client's rule for null: a value where the type accepts it, a violation anywhere else. */
    static void value(Step step, JsonParser parser, Cursor cursor) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL && !step.acceptsNull()) {
            cursor.violation("null is not allowed", step.expected(), "null");
            return;
        }
        step.read(parser, cursor);
    }
}
