package dev.runstatus.transcode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.runstatus.validate.SchemaConventions;
import org.apache.avro.Schema;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A closed enum matched by wire value, written as its symbol's position in the schema. */
final class EnumStep implements Step {

    private final Map<String, Integer> ordinals = new HashMap<>();
    private final Map<String, String> symbols;

    EnumStep(Schema schema) {
        symbols = SchemaConventions.wireValues(schema);
        symbols.forEach((wire, symbol) -> ordinals.put(wire, schema.getEnumOrdinal(symbol)));
    }

    @Override
    public void write(JsonParser parser, Transcoder into) throws IOException {
        Step.require(parser.currentToken() == JsonToken.VALUE_STRING);
        Integer ordinal = ordinals.get(parser.getText());
        Step.require(ordinal != null);
        into.buffer().writeInt(ordinal);
    }

    /** The symbol a valid wire value stands for. */
    String symbol(String wireValue) {
        return symbols.get(wireValue);
    }
}
