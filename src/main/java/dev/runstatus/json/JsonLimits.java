package dev.runstatus.json;

/**
 * Limits beyond which a document is rejected before it is parsed into a tree, so that no input can
 * exhaust memory or the stack. The defaults are documented in the README.
 */
public record JsonLimits(int maxDocumentBytes, int maxNestingDepth, int maxNumberLength) {

    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 1_048_576;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 1_000;
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 1_000;
    /** Writing a tree back is recursive, so depth has a hard ceiling whatever is configured. */
    public static final int CEILING_NESTING_DEPTH = 5_000;

    public JsonLimits {
        if (maxDocumentBytes < 2 || maxNestingDepth < 1 || maxNumberLength < 1) {
            throw new IllegalArgumentException("JSON limits must be positive: " + maxDocumentBytes + ", "
                    + maxNestingDepth + ", " + maxNumberLength);
        }
        if (maxNestingDepth > CEILING_NESTING_DEPTH) {
            throw new IllegalArgumentException("maximum nesting depth " + maxNestingDepth + " is over the ceiling of "
                    + CEILING_NESTING_DEPTH);
        }
    }

    public static JsonLimits defaults() {
        return new JsonLimits(DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_NUMBER_LENGTH);
    }
}
