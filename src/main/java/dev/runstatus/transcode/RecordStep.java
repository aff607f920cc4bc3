package dev.runstatus.transcode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object as an Avro record. Fields are written as they come; when they came out of schema
 * order, or some were absent and have defaults, the written fields are put in schema order after the
 * object ends. Unknown keys are counted and skipped (duplicate keys inside them are still refused).
 */
final class RecordStep implements Step {

    private Map<String, Integer> positions = Map.of();
    private Step[] fields = new Step[0];
    private byte[][] defaults = new byte[0][];

    /** Fields are bound after construction so that a record may refer to itself. */
    void bind(List<String> wireNames, List<Step> steps, List<byte[]> defaultBytes) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < wireNames.size(); i++) {
            byName.put(wireNames.get(i), i);
        }
        positions = byName;
        fields = steps.toArray(new Step[0]);
        defaults = defaultBytes.toArray(new byte[0][]);
    }

    @Override
    public void write(JsonParser parser, Transcoder into) throws IOException {
        Step.require(parser.currentToken() == JsonToken.START_OBJECT);
        AvroBuffer buffer = into.buffer();
        int from = buffer.size();
        int[] spans = new int[2 * fields.length];
        Arrays.fill(spans, -1);
        int next = 0;
        boolean inOrder = true;
        into.keys().enterObject();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            into.keys().add(parser.currentName());
            Integer position = positions.get(parser.currentName());
            parser.nextToken();
            if (position == null) {
                into.skipUnknown(parser);
                continue;
            }
            inOrder &= position == next;
            next = position + 1;
            spans[2 * position] = buffer.size();
            Step.value(fields[position], parser, into);
            spans[2 * position + 1] = buffer.size();
        }
        into.keys().exitObject();
        if (inOrder && next == fields.length) {
            return;
        }
        for (int i = 0; i < fields.length; i++) {
            Step.require(spans[2 * i] >= 0 || defaults[i] != null);
        }
        buffer.rearrange(from, spans, defaults);
    }
}
