package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/** A present value of an optional type ["null", T]: T's branch index, then T. */
final class OptionalStep implements Step {

    private final int branch;
    private final Step type;

    OptionalStep(int branch, Step type) {
        this.branch = branch;
        this.type = type;
    }

    @Override
    public void read(JsonParser parser, Cursor cursor) throws IOException {
        cursor.buffer().writeInt(branch);
        type.read(parser, cursor);
    }

    Step type() {
        return type;
    }

    @Override
    public boolean acceptsNull() {
        return type.acceptsNull();
    }

    @Override
    public String expected() {
        return type.expected();
    }
}
