package dev.runstatus.transcode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Writes the Avro binary of one JSON value, read from the parser's current token, or gives up. A step
 * leaves the parser on the value's last token.
 */
interface Step {

    void write(JsonParser parser, Transcoder into) throws IOException;

    /** Whether JSON null is a value of this type (only "any JSON" and null itself). */
    default boolean acceptsNull() {
        return false;
    }

    /** The client's rule for null: a value where the type accepts it, a violation anywhere else. */
    static void value(Step step, JsonParser parser, Transcoder into) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL && !step.acceptsNull()) {
            throw CannotVouch.INSTANCE;
        }
        step.write(parser, into);
    }

    static void require(boolean condition) {
        if (!condition) {
            throw CannotVouch.INSTANCE;
        }
    }
}
