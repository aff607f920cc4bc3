package dev.runstatus.transcode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/** A JSON object as an Avro map, entries in document order. */
final class MapStep implements Step {

    private final Step values;

    MapStep(Step values) {
        this.values = values;
    }

    @Override
    public void write(JsonParser parser, Transcoder into) throws IOException {
        Step.require(parser.currentToken() == JsonToken.START_OBJECT);
        AvroBuffer buffer = into.buffer();
        int from = buffer.size();
        long count = 0;
        into.keys().enterObject();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            into.keys().add(parser.currentName());
            Step.require(buffer.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength()));
            parser.nextToken();
            Step.value(values, parser, into);
            count++;
        }
        into.keys().exitObject();
        ArrayStep.endBlock(buffer, from, count);
    }
}
