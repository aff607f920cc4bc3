package dev.runstatus.validate;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** A JSON array whose every element is checked, so every bad element is reported. */
final class ArrayCheck implements TypeCheck {

    private final Schema schema;
    private final TypeCheck items;

    ArrayCheck(Schema schema, TypeCheck items) {
        this.schema = schema;
        this.items = items;
    }

    @Override
    public Object check(JsonNode value, Findings findings) {
        if (!value.isArray()) {
            findings.wrongType(expected(), value);
            return INVALID;
        }
        GenericData.Array<Object> array = new GenericData.Array<>(value.size(), schema);
        boolean valid = true;
        for (int i = 0; i < value.size(); i++) {
            findings.enter(i);
            Object item = Nulls.check(items, value.get(i), findings);
            findings.leave();
            valid &= item != INVALID;
            array.add(item);
        }
        return valid ? array : INVALID;
    }

    @Override
    public String expected() {
        return "array";
    }
}
