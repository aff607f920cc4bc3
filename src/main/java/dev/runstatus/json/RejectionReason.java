package dev.runstatus.json;

/** Why a document's bytes were rejected before validation; the code is what headers and metrics carry. */
public enum RejectionReason {
    EMPTY("empty"),
    TOO_LARGE("too-large"),
    BYTE_ORDER_MARK("byte-order-mark"),
    INVALID_UTF8("invalid-utf8"),
    UNPAIRED_SURROGATE("unpaired-surrogate"),
    TOO_DEEP("too-deep"),
    NUMBER_TOO_LONG("number-too-long"),
    NUMBER_OUT_OF_RANGE("number-out-of-range"),
    DUPLICATE_KEY("duplicate-key"),
    INVALID_JSON("invalid-json");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
