package dev.runstatus.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns a violation's JSON pointer into a metric label with bounded cardinality: array indexes become
 * {@code *}, and once {@code limit} distinct paths have been seen every new one is counted as
 * {@value #OTHER}, because map keys and unknown fields come from producers and are unbounded.
 */
final class PathLabels {

    static final String OTHER = "other";
    private static final Pattern ARRAY_INDEX = Pattern.compile("/\\d+(?=/|$)");

    private final int limit;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    PathLabels(int limit) {
        this.limit = limit;
    }

    String label(String pointer) {
        String path = pointer.isEmpty() ? "/" : ARRAY_INDEX.matcher(pointer).replaceAll("/*");
        if (seen.contains(path)) {
            return path;
        }
        if (seen.size() >= limit) {
            return OTHER;
        }
        seen.add(path);
        return path;
    }
}
