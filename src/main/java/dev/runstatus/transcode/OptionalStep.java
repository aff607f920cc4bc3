package dev.runstatus.transcode;

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
    public void write(JsonParser parser, Transcoder into) throws IOException {
        into.buffer().writeInt(branch);
        type.write(parser, into);
    }

    Step type() {
        return type;
    }

    @Override
    public boolean acceptsNull() {
        return type.acceptsNull();
    }
}
