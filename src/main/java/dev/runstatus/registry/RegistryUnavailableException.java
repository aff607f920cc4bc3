package dev.runstatus.registry;

/** The registry could not answer (I/O error, timeout, 5xx after retries): retry later, never blame the record. */
public class RegistryUnavailableException extends RegistryException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
