package dev.runstatus.reader;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The captured root fields of the document being read, as name and value pairs in one reused array:
 * few, and each name once (a root key comes once). Handed out as an immutable map at its final size,
 * as a hash map and its nodes per document would cost more than the values.
 */
final class CapturedValues {

    private String[] pairs = new String[8];
    private int length;

    void reset() {
        length = 0;
    }

    void add(String name, String value) {
        if (length == pairs.length) {
            pairs = Arrays.copyOf(pairs, length * 2);
        }
        pairs[length++] = name;
        pairs[length++] = value;
    }

    Map<String, String> toMap() {
        return switch (length) {
            case 0 -> Map.of();
            case 2 -> Map.of(pairs[0], pairs[1]);
            case 4 -> Map.of(pairs[0], pairs[1], pairs[2], pairs[3]);
            default -> {
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < length; i += 2) {
                    values.put(pairs[i], pairs[i + 1]);
                }
                yield Map.copyOf(values);
            }
        };
    }
}
