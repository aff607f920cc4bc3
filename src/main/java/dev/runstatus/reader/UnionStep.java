package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A union of record shapes told apart by an enum field every shape has; the object is read as the one
 * shape its discriminator names, so its violations are that shape's. The discriminator may come anywhere
 * in the object: it is read from the bytes when it is the first key, as producers write it, else looked
 * up ahead of the main pass over the object's own keys.
 */
final class UnionStep implements Step {

    /** One shape of the union: its position in the union and how to read it. */
    record Shape(int branch, RecordStep record) {
    }

    private final String discriminator;
    private final Map<String, Shape> shapesByValue;
    private final String expectedValues;

    /** {@code shapesByValue} in the union's order, which is the order "expected" names them in. */
    UnionStep(String discriminator, LinkedHashMap<String, Shape> shapesByValue) {
        this.discriminator = discriminator;
        this.shapesByValue = Map.copyOf(shapesByValue);
        this.expectedValues = "one of " + String.join("|", shapesByValue.keySet());
    }

    @Override
    public void read(JsonParser parser, Cursor cursor) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            cursor.wrongType(expected(), parser);
            return;
        }
        int offset = (int) parser.currentTokenLocation().getByteOffset();
        String leading = leadingStringValue(cursor.document(), offset);
        Shape shape = leading != null ? shapesByValue.get(leading) : null;
        if (shape == null) {
            Lookahead tag = leading != null ? new Lookahead(JsonToken.VALUE_STRING, leading) : lookahead(cursor, offset);
            shape = tag.text() == null ? null : shapesByValue.get(tag.text());
            if (shape == null) {
                refuse(tag, cursor);
                cursor.skip(parser);
                return;
            }
        }
        cursor.buffer().writeInt(shape.branch());
        shape.record().read(parser, cursor);
    }

    private void refuse(Lookahead tag, Cursor cursor) {
        if (tag.token() == null) {
            cursor.missing(discriminator, 0);
            return;
        }
        cursor.enter(discriminator, 0);
        if (tag.token() == JsonToken.VALUE_STRING) {
            cursor.unknownEnumValue(expectedValues, tag.text());
        } else if (tag.token() == JsonToken.VALUE_NULL) {
            cursor.violation("null is not allowed", expectedValues, "null");
        } else {
            cursor.violation("wrong type", expectedValues, Cursor.typeOf(tag.token()));
        }
        cursor.leave();
    }

    @Override
    public String expected() {
        return "object";
    }

    /** The discriminator's token and text in the object at {@code offset}; absent when it is not there or the object does not read. */
    private Lookahead lookahead(Cursor cursor, int offset) {
        byte[] document = cursor.document();
        try (JsonParser object = cursor.factory().createParser(document, offset, document.length - offset)) {
            object.nextToken();
            while (object.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = discriminator.equals(object.currentName());
                JsonToken value = object.nextToken();
                if (wanted) {
                    return new Lookahead(value, value == JsonToken.VALUE_STRING ? object.getText() : null);
                }
                object.skipChildren();
            }
        } catch (IOException | RuntimeException unreadable) {
            // the main pass reaches the same text and says what is wrong with it
        }
        return Lookahead.ABSENT;
    }

    /** The discriminator's value found ahead of the main pass: its token (null when absent) and, for a string, its text. */
    private record Lookahead(JsonToken token, String text) {
        static final Lookahead ABSENT = new Lookahead(null, null);
    }

    /**
     * The discriminator's value when it is the first key of the object at {@code offset}, written
     * without whitespace, and a string without escapes. Null when that is not so (the lookahead then
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
