package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.runstatus.schema.SchemaConventions;
import org.apache.avro.Schema;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * A closed, case-sensitive enum matched by wire value, written as its symbol's position in the schema.
 * The value is matched in the parser's own characters: an enum has few symbols, and a string made of
 * each value only to look it up would cost more than the comparisons.
 */
final class EnumStep implements Step {

    private final char[][] wireValues;
    private final int[] ordinals;
    private final Map<String, String> symbols;
    private final String expected;

    EnumStep(Schema schema) {
        symbols = SchemaConventions.wireValues(schema);
        wireValues = new char[symbols.size()][];
        ordinals = new int[symbols.size()];
        int next = 0;
        for (Map.Entry<String, String> symbol : symbols.entrySet()) {
            wireValues[next] = symbol.getKey().toCharArray();
            ordinals[next++] = schema.getEnumOrdinal(symbol.getValue());
        }
        expected = "one of " + String.join("|", symbols.keySet());
    }

    @Override
    public void read(JsonParser parser, Cursor cursor) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            cursor.wrongType(expected, parser);
            return;
        }
        int ordinal = ordinal(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        if (ordinal < 0) {
            cursor.unknownEnumValue(expected, parser.getText());
            return;
        }
        cursor.buffer().writeInt(ordinal);
    }

    /** The ordinal of the symbol whose wire value these characters spell, or -1. */
    private int ordinal(char[] text, int offset, int length) {
        for (int i = 0; i < wireValues.length; i++) {
            char[] wire = wireValues[i];
            if (wire.length == length && Arrays.equals(text, offset, offset + length, wire, 0, length)) {
                return ordinals[i];
            }
        }
        return -1;
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
