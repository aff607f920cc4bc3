package dev.runstatus.transcode;

/**
 * Thrown when the streaming transcoder meets anything it does not vouch for; the document then gets
 * the full check, which says exactly what is wrong. One instance, no stack trace: it is control flow.
 */
final class CannotVouch extends RuntimeException {

    static final CannotVouch INSTANCE = new CannotVouch();

    private CannotVouch() {
        super("the streaming transcoder cannot vouch for this document", null, false, false);
    }
}
