package dev.runstatus.registry;

/** The registry could not answer (I/O error, timeout, 5xx after retries): retry later, never blame the record. */
public class RegistryUnavailableException extends RegistryException {

    public RegistryUnavailableException(String message, Throwable cause) {
        this(message, message, cause);
    }

    /** {@code reason} says why, without the request around it: "connection refused", "HTTP 503". */
    public RegistryUnavailableException(String message, String reason, Throwable cause) {
        super(message, reason, cause);
    }
}
