package dev.runstatus.topology;

/**
 * Names, in the {@code __streams.errors.exception} header, a record rejected for what it contains
 * rather than for an exception thrown while handling it.
 */
public final class RejectedDocumentException extends RuntimeException {

    public RejectedDocumentException(String message) {
        super(message, null, false, false);
    }
}
