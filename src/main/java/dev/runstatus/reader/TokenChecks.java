package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.json.RejectionReason;

import java.io.IOException;

/**
 * The checks a strict reading makes on each token as it comes, so that every token of a document is
 * checked once, read or skipped: nesting depth and number length within the limits, no number whose
 * exponent no exact decimal holds, no key twice in one object. Every token of the main pass is taken
 * through {@link #next}. A failed check throws {@link Rejected} with its reason; Jackson's own
 * exceptions say only that the text is not JSON.
 */
final class TokenChecks {

    /** A check failed; carries the reason and the message a rejection gives. */
    static final class Rejected extends IOException {

        private final RejectionReason reason;

        Rejected(RejectionReason reason, String message) {
            super(message, null);
            this.reason = reason;
        }

        RejectionReason reason() {
            return reason;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** The shortest number whose exponent no exact decimal holds (BigDecimal's scale is an int). */
    private static final int SHORTEST_OUT_OF_RANGE = "1e2147483648".length();

    private final JsonLimits limits;
    private final ObjectKeys keys;
    private byte[] document;
    private int depth;

    /** One per thread, reused for every document it reads. */
    TokenChecks(JsonLimits limits) {
        this.limits = limits;
        this.keys = new ObjectKeys();
    }

    /** Starts on the tokens of {@code bytes}. */
    void start(byte[] bytes) {
        document = bytes;
        depth = 0;
        keys.reset();
    }

    /** The parser's next token, checked. Small, so that the compiler inlines it where tokens are read. */
    JsonToken next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_STRING && token != null) {
            check(parser, token);
        }
        return token;
    }

    private void check(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                deeper();
                keys.enterObject();
            }
            case START_ARRAY -> deeper();
            case END_OBJECT -> {
                depth--;
                keys.exitObject();
            }
            case END_ARRAY -> depth--;
            case FIELD_NAME -> {
                String name = parser.currentName();
                if (!keys.add(name)) {
                    throw duplicate(parser, name);
                }
            }
            case VALUE_NUMBER_INT -> {
                if (parser.getTextLength() > limits.maxNumberLength()) {
                    requireNumberLength(parser.getTextLength() - (parser.getTextCharacters()[parser.getTextOffset()] == '-' ? 1 : 0));
                }
            }
            case VALUE_NUMBER_FLOAT -> checkFloat(parser);
            default -> {
            }
        }
    }

    private void deeper() throws Rejected {
        if (++depth > limits.maxNestingDepth()) {
            throw new Rejected(RejectionReason.TOO_DEEP, "nested deeper than runstatus.max.nesting.depth ("
                    + limits.maxNestingDepth() + ")");
        }
    }

    private void requireNumberLength(int digits) throws Rejected {
        if (digits > limits.maxNumberLength()) {
            throw new Rejected(RejectionReason.NUMBER_TOO_LONG, "a number longer than runstatus.max.number.length ("
                    + limits.maxNumberLength() + " characters)");
        }
    }

    /**
     * The digits of integer part, fraction and exponent count; an exponent is checked by making the exact
     * decimal. Shorter text than either limit needs no look.
     */
    private void checkFloat(JsonParser parser) throws IOException {
        if (parser.getTextLength() < SHORTEST_OUT_OF_RANGE && parser.getTextLength() <= limits.maxNumberLength()) {
            return;
        }
        char[] text = parser.getTextCharacters();
        int end = parser.getTextOffset() + parser.getTextLength();
        int digits = 0;
        boolean exponent = false;
        for (int i = parser.getTextOffset(); i < end; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == 'e' || c == 'E') {
                exponent = true;
            }
        }
        requireNumberLength(digits);
        if (exponent) {
            parser.getDecimalValue();
        }
    }

    /** As Jackson says it, located where Jackson locates it: just after the key's closing quote. */
    private Rejected duplicate(JsonParser parser, String name) {
        int i = (int) parser.currentTokenLocation().getByteOffset() + 1;
        while (document[i] != '"') {
            i += document[i] == '\\' ? 2 : 1;
        }
        return new Rejected(RejectionReason.DUPLICATE_KEY, "Duplicate field '" + name + "' at byte " + (i + 1));
    }
}
