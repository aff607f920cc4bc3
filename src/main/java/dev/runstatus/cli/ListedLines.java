package dev.runstatus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lines a command reports one by one (a problem, a record sent): printed as they come in text, or
 * kept for the JSON answer, at most {@value #KEPT} of them, so that memory stays bounded.
 */
final class ListedLines implements Consumer<String> {

    private static final int KEPT = 1_000;

    private final PrintWriter out;
    private final List<String> kept = new ArrayList<>();
    private long notKept;

    /** {@code out} null: keep the lines for JSON. */
    ListedLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(String line) {
        if (out != null) {
            out.println(line);
            out.flush();
        } else if (kept.size() < KEPT) {
            kept.add(line.replaceAll(" {2,}", " "));
        } else {
            notKept++;
        }
    }

    /** The kept lines as "lines" and how many were not kept as "linesNotListed". */
    ObjectNode into(ObjectNode json) {
        ArrayNode lines = json.putArray("lines");
        kept.forEach(lines::add);
        return json.put("linesNotListed", notKept);
    }
}
