package dev.runstatus.preflight;

/** A check before anything is consumed failed; the message is the one line an operator reads. Exit code 2. */
public final class PreflightException extends Exception {

    public PreflightException(String message) {
        super(message);
    }
}
