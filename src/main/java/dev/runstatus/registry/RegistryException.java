package dev.runstatus.registry;

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

    public RegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    protected RegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.errorCode = -1;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }
}
