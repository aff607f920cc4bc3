package dev.runstatus.query;

/**
 * Who asks: a client, whose request this instance may pass on to the others; or another instance, whose
 * request is answered from this instance's own stores and never passed on, so no two instances can wait
 * on each other. {@link #FORWARDED_STALE} may be answered from a standby copy.
 */
public enum Access {
    CLIENT, FORWARDED, FORWARDED_STALE;

    /** The value of {@link #HEADER} that marks a forwarded request, or null for a client's. */
    public static final String HEADER = "X-Runstatus-Forwarded";

    String headerValue() {
        return switch (this) {
            case CLIENT -> null;
            case FORWARDED -> "local";
            case FORWARDED_STALE -> "stale";
        };
    }

    static Access ofHeader(String value) {
        if (value == null) {
            return CLIENT;
        }
        return value.equals("stale") ? FORWARDED_STALE : FORWARDED;
    }
}
