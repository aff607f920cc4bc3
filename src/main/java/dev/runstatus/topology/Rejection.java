package dev.runstatus.topology;

import dev.runstatus.reader.Violation;
import dev.runstatus.schema.Family;

import java.util.List;

/**
 * Why a record goes to the dead-letter topic. {@code reason} is a stable code for metrics and
 * filtering; {@code message} is for people. {@code family} and {@code cause} may be null.
 */
public record Rejection(Stage stage, String reason, String message, List<Violation> violations, Family family,
                        Throwable cause) {

    /**
     * What Kafka Streams' exception header says for a record rejected for what it contains rather than
     * for an exception thrown while handling it: nothing was thrown, so it names no class, and dead-letter
     * filters can match on it.
     */
    public static final String BY_CONTENT = "none: rejected for its content (runstatus.error.reason says why)";

    public Rejection {
        violations = List.copyOf(violations);
    }

    public static Rejection of(Stage stage, String reason, String message, Family family, Throwable cause) {
        return new Rejection(stage, reason, message, List.of(), family, cause);
    }

    /** The exception class named in Kafka Streams' header; a rejection without one names the stage's marker. */
    public String exceptionName() {
        return cause != null ? cause.getClass().getName() : BY_CONTENT;
    }
}
