package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * JSON scalars for Avro primitives, with no conversion: strings stay strings, integers must fit the
 * type, any JSON number is a float or double (converted from the number's exact value).
 */
enum ScalarStep implements Step {

    STRING("string") {
        @Override
        public void read(JsonParser parser, Cursor cursor) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                cursor.wrongType(expected(), parser);
            } else if (!cursor.buffer().writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength())) {
                throw new IllegalStateException("a lone surrogate passed the byte-level check");
            }
        }
    },
    BOOLEAN("boolean") {
        @Override
        public void read(JsonParser parser, Cursor cursor) throws IOException {
            if (!parser.currentToken().isBoolean()) {
                cursor.wrongType(expected(), parser);
                return;
            }
            cursor.buffer().writeBoolean(parser.currentToken() == JsonToken.VALUE_TRUE);
        }
    },
    INT("integer (32-bit)") {
        @Override
        public void read(JsonParser parser, Cursor cursor) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
                cursor.wrongType(expected(), parser);
                return;
            }
            cursor.buffer().writeInt(parser.getIntValue());
        }
    },
    LONG("integer (64-bit)") {
        @Override
        public void read(JsonParser parser, Cursor cursor) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                cursor.wrongType(expected(), parser);
                return;
            }
            cursor.buffer().writeLong(parser.getLongValue());
        }
    },
    FLOAT("number") {
        @Override
        public void read(JsonParser parser, Cursor cursor) throws IOException {
            if (!parser.currentToken().isNumeric()) {
                cursor.wrongType(expected(), parser);
                return;
            }
            cursor.buffer().writeFloat(number(parser).floatValue());
        }
    },
    DOUBLE("number") {
        @Override
        public void read(JsonParser parser, Cursor cursor) throws IOException {
            if (!parser.currentToken().isNumeric()) {
                cursor.wrongType(expected(), parser);
                return;
            }
            cursor.buffer().writeDouble(number(parser).doubleValue());
        }
    },
    NULL("null") {
        @Override
        public void read(JsonParser parser, Cursor cursor) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_NULL) {
                cursor.wrongType(expected(), parser);
            }
        }

        @Override
        public boolean acceptsNull() {
            return true;
        }
    };

    private final String expected;

    ScalarStep(String expected) {
        this.expected = expected;
    }

    @Override
    public String expected() {
        return expected;
    }

    /** The number's exact value: int, long or BigInteger for integers, BigDecimal for the rest. */
    private static Number number(JsonParser parser) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT ? parser.getDecimalValue() : parser.getNumberValue();
    }
}
