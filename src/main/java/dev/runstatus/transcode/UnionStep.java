package dev.runstatus.transcode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Map;

/**
 * A union of record shapes told apart by an enum field every shape has. The discriminator may come
 * anywhere in the object, so it is looked up first in a second pass over the object's own keys.
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
        Shape shape = shapesByValue.get(into.keyOfObjectAt(parser.currentTokenLocation().getByteOffset(), discriminator));
        Step.require(shape != null);
        into.buffer().writeInt(shape.branch());
        shape.record().write(parser, into);
    }
}
