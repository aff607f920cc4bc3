package dev.runstatus.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A title and rows of label and value, the labels in one aligned column; a value of several lines stays in its column. */
final class Banner {

    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    Banner(String title) {
        this.title = title;
    }

    Banner row(String label, String value) {
        rows.add(new String[] {label, value});
        return this;
    }

    void print(PrintWriter out) {
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
        out.println(title);
        for (String[] row : rows) {
            String indent = "  " + " ".repeat(width) + "  ";
            List<String> lines = row[1].lines().toList();
            out.println("  " + row[0] + " ".repeat(width - row[0].length()) + "  " + (lines.isEmpty() ? "" : lines.get(0)));
            lines.stream().skip(1).forEach(line -> out.println(indent + line));
        }
        out.flush();
    }
}
