package dev.runstatus.transcode;

import java.util.Arrays;

/**
 * The keys of every JSON object open at the moment, to refuse a key seen twice in one object. Jackson
 * can do this too, but allocates a hash set per object with more than two keys; objects here are small,
 * so a linear scan over one reused array is cheaper. An object with more keys than {@link #MAX_SCANNED}
 * is left to the full check rather than scanned in quadratic time.
 */
final class ObjectKeys {

    static final int MAX_SCANNED = 64;

    private String[] keys = new String[64];
    /** Each key's hash, compared first: a String caches its hash, and most keys differ in it. */
    private int[] hashes = new int[64];
    private int[] starts = new int[16];
    private int depth;
    private int size;

    void reset() {
        depth = 0;
        size = 0;
    }

    void enterObject() {
        if (depth == starts.length) {
            starts = Arrays.copyOf(starts, depth * 2);
        }
        starts[depth++] = size;
    }

    void exitObject() {
        size = starts[--depth];
    }

    /** Adds a key of the innermost open object, or gives up on a duplicate or on too many keys. */
    void add(String key) {
        int start = starts[depth - 1];
        Step.require(size - start < MAX_SCANNED);
        int hash = key.hashCode();
        for (int i = start; i < size; i++) {
            Step.require(hashes[i] != hash || !key.equals(keys[i]));
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        keys[size] = key;
        hashes[size++] = hash;
    }
}
