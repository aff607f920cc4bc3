package dev.runstatus.transcode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * JSON scalars for Avro primitives, read as the validator reads them from a tree: integers must fit
 * the type, and any JSON number is a float or double (converted as Jackson's number nodes convert).
 */
enum ScalarStep implements Step {

    STRING {
        @Override
        public void write(JsonParser parser, Transcoder into) throws IOException {
            Step.require(parser.currentToken() == JsonToken.VALUE_STRING);
            Step.require(into.buffer().writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength()));
        }
    },
    BOOLEAN {
        @Override
        public void write(JsonParser parser, Transcoder into) {
            Step.require(parser.currentToken().isBoolean());
            into.buffer().writeBoolean(parser.currentToken() == JsonToken.VALUE_TRUE);
        }
    },
    INT {
        @Override
        public void write(JsonParser parser, Transcoder into) throws IOException {
            Step.require(parser.currentToken() == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT);
            into.buffer().writeInt(parser.getIntValue());
        }
    },
    LONG {
        @Override
        public void write(JsonParser parser, Transcoder into) throws IOException {
            Step.require(parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER);
            into.buffer().writeLong(parser.getLongValue());
        }
    },
    FLOAT {
        @Override
        public void write(JsonParser parser, Transcoder into) throws IOException {
            into.buffer().writeFloat(number(parser).floatValue());
        }
    },
    DOUBLE {
        @Override
        public void write(JsonParser parser, Transcoder into) throws IOException {
            into.buffer().writeDouble(number(parser).doubleValue());
        }
    },
    NULL {
        @Override
        public void write(JsonParser parser, Transcoder into) {
            Step.require(parser.currentToken() == JsonToken.VALUE_NULL);
        }

        @Override
        public boolean acceptsNull() {
            return true;
        }
    };

    /** The number as the tree holds it: int, long or BigInteger for integers, BigDecimal for the rest. */
    private static Number number(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        Step.require(token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT);
        return token == JsonToken.VALUE_NUMBER_FLOAT ? parser.getDecimalValue() : parser.getNumberValue();
    }
}
