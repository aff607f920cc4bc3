package dev.runstatus.transcode;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/** "Any JSON": the value's canonical JSON text as an Avro string, copied token by token. */
final class AnyJsonStep implements Step {

    static final AnyJsonStep INSTANCE = new AnyJsonStep();

    private AnyJsonStep() {
    }

    @Override
    public void write(JsonParser parser, Transcoder into) throws IOException {
        AvroBuffer buffer = into.buffer();
        int from = buffer.size();
        into.copyCanonically(parser);
        buffer.insertLong(from, buffer.size() - from);
    }

    @Override
    public boolean acceptsNull() {
        return true;
    }
}
