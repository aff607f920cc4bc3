package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object as an Avro record, field by field under the fields' wire names. Fields are written as
 * they come; when they came out of schema order, or some were absent and have defaults, the written
 * fields are put in schema order once the object ends. A field absent without a default is found there
 * too. Keys the schema does not know are counted and skipped.
 */
final class RecordStep implements Step {

    private Map<String, Integer> positions = Map.of();
    private String[] wireNames = new String[0];
    private Step[] fields = new Step[0];
    private byte[][] defaults = new byte[0][];

    /** Fields are bound after construction so that a record may refer to itself. */
    void bind(List<String> names, List<Step> steps, List<byte[]> defaultBytes) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), i);
        }
        positions = byName;
        wireNames = names.toArray(new String[0]);
        fields = steps.toArray(new Step[0]);
        defaults = defaultBytes.toArray(new byte[0][]);
    }

    @Override
    public void read(JsonParser parser, Cursor cursor) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            cursor.wrongType(expected(), parser);
            return;
        }
        AvroBuffer buffer = cursor.buffer();
        int from = buffer.size();
        int[] spans = cursor.openRecord(fields.length);
        int next = 0;
        boolean inOrder = true;
        while (cursor.next(parser) == JsonToken.FIELD_NAME) {
            Integer position = positions.get(parser.currentName());
            cursor.next(parser);
            if (position == null) {
                cursor.skipUnknown(parser);
                continue;
            }
            inOrder &= position == next;
            next = position + 1;
            spans[2 * position] = buffer.size();
            cursor.enter(wireNames[position], position);
            Step.value(fields[position], parser, cursor);
            cursor.leave();
            spans[2 * position + 1] = buffer.size();
        }
        for (int i = 0; i < fields.length; i++) {
            if (spans[2 * i] < 0 && defaults[i] == null) {
                cursor.missing(wireNames[i], i);
            }
        }
        if (cursor.valid() && !(inOrder && next == fields.length)) {
            buffer.rearrange(from, spans, defaults);
        }
        cursor.closeRecord();
    }

    @Override
    public String expected() {
        return "object";
    }
}
