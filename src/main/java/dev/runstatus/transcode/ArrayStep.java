package dev.runstatus.transcode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * A JSON array as one Avro block (count, items, 0), as Avro's own writer writes it. The items of a
 * captured array are also kept one by one: they become records of their own.
 */
final class ArrayStep implements Step {

    private final Step items;
    private final boolean captured;

    ArrayStep(Step items, boolean captured) {
        this.items = items;
        this.captured = captured;
    }

    @Override
    public void write(JsonParser parser, Transcoder into) throws IOException {
        Step.require(parser.currentToken() == JsonToken.START_ARRAY);
        AvroBuffer buffer = into.buffer();
        int from = buffer.size();
        long count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int start = buffer.size();
            Step.value(items, parser, into);
            count++;
            if (captured) {
                into.element(buffer.copy(start, buffer.size()));
            }
        }
        endBlock(buffer, from, count);
    }

    /** Puts the count before the items (when there are any) and the closing zero after them. */
    static void endBlock(AvroBuffer buffer, int from, long count) {
        if (count > 0) {
            buffer.insertLong(from, count);
        }
        buffer.writeLong(0);
    }
}
