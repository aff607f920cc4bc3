package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.runstatus.schema.SchemaConventions;
import org.apache.avro.Schema;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A closed, case-sensitive enum matched by wire value, written as its symbol's position in the schema. */
final class EnumStep implements Step {

    private final Map<String, Integer> ordinals = new HashMap<>();
    private final Map<String, String> symbols;
    private final String expected;

    EnumStep(Schema schema) {
        symbols = SchemaConventions.wireValues(schema);
        symbols.forEach((wire, symbol) -> ordinals.put(wire, schema.getEnumOrdinal(symbol)));
        expected = "one of " + String.join("|", symbols.keySet());
    }

    @Override
    public void read(JsonParser parser, Cursor cursor) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            cursor.wrongType(expected, parser);
            return;
        }
        Integer ordinal = ordinals.get(parser.getText());
        if (ordinal == null) {
            cursor.unknownEnumValue(expected, parser.getText());
            return;
        }
        cursor.buffer().writeInt(ordinal);
    }

    @Override
    public String expected() {
        return expected;
    }

    /** The symbol a valid wire value stands for. */
    String symbol(String wireValue) {
        return symbols.get(wireValue);
    }
}
