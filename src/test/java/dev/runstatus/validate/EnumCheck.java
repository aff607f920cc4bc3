package dev.runstatus.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runstatus.schema.SchemaConventions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

import java.util.HashMap;
import java.util.Map;

/** A closed, case-sensitive enum, matched by wire value. */
final class EnumCheck implements TypeCheck {

    private final Map<String, GenericData.EnumSymbol> symbols = new HashMap<>();
    private final String expected;

    EnumCheck(Schema schema) {
        Map<String, String> wireValues = SchemaConventions.wireValues(schema);
        wireValues.forEach((wire, symbol) -> symbols.put(wire, new GenericData.EnumSymbol(schema, symbol)));
        this.expected = "one of " + String.join("|", wireValues.keySet());
    }

    @Override
    public Object check(JsonNode value, Findings findings) {
        if (!value.isTextual()) {
            findings.wrongType(expected, value);
            return INVALID;
        }
        GenericData.EnumSymbol symbol = symbols.get(value.textValue());
        if (symbol == null) {
            findings.unknownEnumValue(expected, value);
            return INVALID;
        }
        return symbol;
    }

    @Override
    public String expected() {
        return expected;
    }
}
