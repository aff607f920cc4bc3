package dev.runstatus.validate;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object read as an Avro map; keys keep document order so output bytes are deterministic. */
final class MapCheck implements TypeCheck {

    private final TypeCheck values;

    MapCheck(TypeCheck values) {
        this.values = values;
    }

    @Override
    public Object check(JsonNode value, Findings findings) {
        if (!value.isObject()) {
            findings.wrongType(expected(), value);
            return INVALID;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        boolean valid = true;
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            findings.enter(entry.getKey());
            Object datum = Nulls.check(values, entry.getValue(), findings);
            findings.leave();
            valid &= datum != INVALID;
            map.put(entry.getKey(), datum);
        }
        return valid ? map : INVALID;
    }

    @Override
    public String expected() {
        return "object";
    }
}
