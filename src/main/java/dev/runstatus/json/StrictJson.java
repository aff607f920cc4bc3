package dev.runstatus.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * What every reading of a document shares: the checks made on its bytes before any parser sees them,
 * and the parser settings. Jackson's own limits are set just past runstatus's, which the reader checks
 * itself as the tokens come: so a limit is always told by runstatus's check, never by Jackson's message.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /**
     * Parsers for documents. Jackson's limits are at the document's size or just past runstatus's, so
     * that none of them can refuse a document first (a long key or string is not an error); duplicate
     * keys are the reader's to find, as it finds them cheaper than Jackson's hash sets.
     */
    public static JsonFactory parserFactory(JsonLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(limits.maxDocumentBytes())
                        .maxNestingDepth(limits.maxNestingDepth() + 1)
                        .maxNumberLength(limits.maxDocumentBytes())
                        .maxNameLength(limits.maxDocumentBytes())
                        .maxStringLength(limits.maxDocumentBytes())
                        .build())
                .build();
    }

    /** Present, within the size limit, and one reading of UTF-8 (no byte-order mark, NUL or unpaired surrogate). */
    public static void requireReadableBytes(byte[] bytes, JsonLimits limits) throws JsonRejectedException {
        if (bytes == null || bytes.length == 0) {
            throw new JsonRejectedException(RejectionReason.EMPTY, "no bytes: the record value is empty or null");
        }
        if (bytes.length > limits.maxDocumentBytes()) {
            throw new JsonRejectedException(RejectionReason.TOO_LARGE, "document is " + bytes.length
                    + " bytes, over the limit of " + limits.maxDocumentBytes());
        }
        ByteLevelCheck.require(bytes);
    }
}
