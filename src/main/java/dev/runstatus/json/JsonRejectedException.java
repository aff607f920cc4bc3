package dev.runstatus.json;

/** A document whose bytes cannot be read as exactly one JSON value. Carries no stack trace: it is data, not a bug. */
public final class JsonRejectedException extends Exception {

    private final RejectionReason reason;

    public JsonRejectedException(RejectionReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
