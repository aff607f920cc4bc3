package dev.runstatus.reader;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The keys of every JSON object open at the moment, to refuse a key seen twice in one object. Jackson
 * can do this too, but allocates a hash set per object with more than two keys; most objects here are
 * small, so a linear scan over one reused array is cheaper. An object that grows past
 * {@link #MAX_SCANNED} keys gets a hash set of its own, so a large object costs linear time, not
 * quadratic.
 */
final class ObjectKeys {

    static final int MAX_SCANNED = 64;

    private String[] keys = new String[64];
    /** Each key's hash, compared first: a String caches its hash, and most keys differ in it. */
    private int[] hashes = new int[64];
    private int[] starts = new int[16];
    /** The hash set of each open object that has one, by depth. */
    private Set<String>[] large = newSets(16);
    private int depth;
    private int size;

    void reset() {
        while (depth > 0) {
            exitObject();
        }
        size = 0;
    }

    void enterObject() {
        if (depth == starts.length) {
            starts = Arrays.copyOf(starts, depth * 2);
            large = Arrays.copyOf(large, depth * 2);
        }
        starts[depth++] = size;
    }

    void exitObject() {
        size = starts[--depth];
        large[depth] = null;
    }

    /** Adds a key of the innermost open object; false when the object already has it. */
    boolean add(String key) {
        int start = starts[depth - 1];
        if (size - start == MAX_SCANNED) {
            return largeObject(start).add(key);
        }
        int hash = key.hashCode();
        for (int i = start; i < size; i++) {
            if (hashes[i] == hash && key.equals(keys[i])) {
                return false;
            }
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        keys[size] = key;
        hashes[size++] = hash;
        return true;
    }

    /** The innermost object's hash set, made from the keys scanned so far when it first needs one. */
    private Set<String> largeObject(int start) {
        if (large[depth - 1] == null) {
            large[depth - 1] = new HashSet<>(Arrays.asList(keys).subList(start, size));
        }
        return large[depth - 1];
    }

    @SuppressWarnings("unchecked")
    private static Set<String>[] newSets(int length) {
        return (Set<String>[]) new Set<?>[length];
    }
}
