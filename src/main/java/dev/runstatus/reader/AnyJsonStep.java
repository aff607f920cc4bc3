package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/** "Any JSON": every value is valid, null included, and is carried as its canonical JSON text. */
final class AnyJsonStep implements Step {

    static final AnyJsonStep INSTANCE = new AnyJsonStep();

    private AnyJsonStep() {
    }

    @Override
    public void read(JsonParser parser, Cursor cursor) throws IOException {
        cursor.writeAnyJson(parser);
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
