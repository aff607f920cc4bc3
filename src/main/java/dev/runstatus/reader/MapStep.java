package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/** A JSON object as an Avro map, entries in document order, every value read. */
final class MapStep implements Step {

    private final Step values;

    MapStep(Step values) {
        this.values = values;
    }

    @Override
    public void read(JsonParser parser, Cursor cursor) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            cursor.wrongType(expected(), parser);
            return;
        }
        AvroBuffer buffer = cursor.buffer();
        int from = buffer.size();
        int count = 0;
        while (cursor.next(parser) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            buffer.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            cursor.next(parser);
            cursor.enter(key, count++);
            Step.value(values, parser, cursor);
            cursor.leave();
        }
        ArrayStep.endBlock(buffer, from, count);
    }

    @Override
    public String expected() {
        return "object";
    }
}
