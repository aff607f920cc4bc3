package dev.runstatus.transcode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A union of record shapes told apart by an enum field every shape has. The discriminator may come
 * anywhere in the object: it is read from the bytes when it is the first key, as producers write it,
 * else looked up first in a second pass over the object's own keys.
 */
final class UnionStep implements Step {

    /** One shape of the union: its position in the union and how to write it. */
    record Shape(int branch, RecordStep record) {
    }

    private final String discriminator;
    private final Map<String, Shape> shapesByValue;

    UnionStep(String discriminator, Map<String, Shape> shapesByValue) {
        this.discriminator = discriminator;
        this.shapesByValue = Map.copyOf(shapesByValue);
    }

    @Override
    public void write(JsonParser parser, Transcoder into) throws IOException {
        Step.require(parser.currentToken() == JsonToken.START_OBJECT);
        int offset = (int) parser.currentTokenLocation().getByteOffset();
        String value = leadingStringValue(into.document(), offset);
        Shape shape = shapesByValue.get(value != null ? value : into.keyOfObjectAt(offset, discriminator));
        Step.require(shape != null);
        into.buffer().writeInt(shape.branch());
        shape.record().write(parser, into);
    }

    /**
     * The discriminator's value when it is the first key of the object at {@code offset}, written
     * without whitespace, and a string without escapes. Null when that is not so (the second pass then
     * looks), never a different answer.
     */
    private String leadingStringValue(byte[] document, int offset) {
        int colon = offset + 2 + discriminator.length() + 1;
        if (colon + 1 >= document.length || document[offset + 1] != '"' || document[colon - 1] != '"'
                || document[colon] != ':' || document[colon + 1] != '"') {
            return null;
        }
        for (int k = 0; k < discriminator.length(); k++) {
            if (document[offset + 2 + k] != discriminator.charAt(k)) {
                return null;
            }
        }
        int start = colon + 2;
        for (int end = start; end < document.length && document[end] != '\\'; end++) {
            if (document[end] == '"') {
                return new String(document, start, end - start, StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
