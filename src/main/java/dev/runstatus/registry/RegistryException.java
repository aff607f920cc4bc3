package dev.runstatus.registry;

import java.net.URI;

/** The registry answered, with an error: an HTTP status and, when it sent one, a Confluent error code. */
public class RegistryException extends RuntimeException {

    /** Confluent's error code for "subject not found". */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent's error code for "schema not found". */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** A subject without versions; Apicurio answers this where Confluent's registry says the subject is not found. */
    public static final int VERSION_NOT_FOUND = 40402;

    private final int status;
    private final int errorCode;
    private final String reason;

    public RegistryException(String message, int status, int errorCode) {
        this(message, status, errorCode, message);
    }

    /** {@code reason} is what the registry said, without the request around it. */
    public RegistryException(String message, int status, int errorCode, String reason) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.reason = reason;
    }

    protected RegistryException(String message, String reason, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.errorCode = -1;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    /** What the registry said, or why it could not answer, without the request around it. */
    public String reason() {
        return reason;
    }

    /** Whether the registry refused the credentials (401) or the access (403): retrying cannot help. */
    public boolean refusedAccess() {
        return status == 401 || status == 403;
    }

    /** One line for an operator, naming the registry and what went wrong with it. */
    public String describe(URI registry) {
        return switch (status) {
            case -1 -> "cannot reach the schema registry at " + registry + ": " + reason;
            case 401 -> "the schema registry at " + registry + " refused the credentials (HTTP 401: " + reason
                    + "); check schema.registry.basic.auth.user.info";
            case 403 -> "the schema registry at " + registry + " denied access (HTTP 403: " + reason + ")";
            default -> "the schema registry at " + registry + " answered HTTP " + status + ": " + reason;
        };
    }
}
