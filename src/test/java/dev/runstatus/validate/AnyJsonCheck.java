package dev.runstatus.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runstatus.json.CanonicalJson;
import org.apache.avro.util.Utf8;

/** "Any JSON": every value is valid, null included, and is carried as its canonical JSON text. */
final class AnyJsonCheck implements TypeCheck {

    static final AnyJsonCheck INSTANCE = new AnyJsonCheck();

    private AnyJsonCheck() {
    }

    @Override
    public Object check(JsonNode value, Findings findings) {
        return new Utf8(CanonicalJson.utf8(value));
    }

    @Override
    public boolean acceptsNull() {
        return true;
    }

    @Override
    public String expected() {
        return "any JSON value";
    }
}
