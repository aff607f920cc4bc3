package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.util.function.UnaryOperator;

/** A string or enum field of the document's root whose value the pipeline needs (its key, its route). */
final class CaptureStep implements Step {

    private final String name;
    private final Step step;
    private final UnaryOperator<String> value;

    CaptureStep(String name, Step step, UnaryOperator<String> value) {
        this.name = name;
        this.step = step;
        this.value = value;
    }

    @Override
    public void read(JsonParser parser, Cursor cursor) throws IOException {
        int before = cursor.violations();
        step.read(parser, cursor);
        if (cursor.violations() == before) {
            cursor.capture(name, value.apply(parser.getText()));
        }
    }

    @Override
    public boolean acceptsNull() {
        return step.acceptsNull();
    }

    @Override
    public String expected() {
        return step.expected();
    }
}
