package dev.runstatus.transcode;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/** "Any JSON": the value's canonical JSON text as an Avro string. */
final class AnyJsonStep implements Step {

    static final AnyJsonStep INSTANCE = new AnyJsonStep();

    private AnyJsonStep() {
    }

    @Override
    public void write(JsonParser parser, Transcoder into) throws IOException {
        into.writeAnyJson(parser);
    }

    @Override
    public boolean acceptsNull() {
        return true;
    }
}
