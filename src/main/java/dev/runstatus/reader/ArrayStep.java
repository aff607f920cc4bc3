package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * A JSON array as one Avro block (count, items, 0), as Avro's own writer writes it; every item is read,
 * so every bad item is reported. The items of a captured array are also kept one by one: they become
 * records of their own.
 */
final class ArrayStep implements Step {

    private final Step items;
    private final boolean captured;

    ArrayStep(Step items, boolean captured) {
        this.items = items;
        this.captured = captured;
    }

    @Override
    public void read(JsonParser parser, Cursor cursor) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            cursor.wrongType(expected(), parser);
            return;
        }
        AvroBuffer buffer = cursor.buffer();
        int from = buffer.size();
        int count = 0;
        while (cursor.next(parser) != JsonToken.END_ARRAY) {
            int start = buffer.size();
            cursor.enter(count);
            Step.value(items, parser, cursor);
            cursor.leave();
            count++;
            if (captured) {
                cursor.element(buffer.copy(start, buffer.size()));
            }
        }
        endBlock(buffer, from, count);
    }

    @Override
    public String expected() {
        return "array";
    }

    /** Puts the count before the items (when there are any) and the closing zero after them. */
    static void endBlock(AvroBuffer buffer, int from, long count) {
        if (count > 0) {
            buffer.insertLong(from, count);
        }
        buffer.writeLong(0);
    }
}
