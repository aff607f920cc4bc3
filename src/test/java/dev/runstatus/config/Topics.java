package dev.runstatus.config;

import dev.runstatus.schema.Family;

/** The topics of the two bundled families, by name, for tests that use them. */
public final class Topics {

    public static final Topic RUN_RESULTS_RAW = Topic.inputOf(Family.RUN_RESULT);
    public static final Topic RUN_RESULTS_COMPLETED = Topic.completedOf(Family.RUN_RESULT);
    public static final Topic RUN_RESULTS_ERRORS = Topic.errorsOf(Family.RUN_RESULT);
    public static final Topic RUN_RESULTS_PROGRESS = Topic.progressOf(Family.RUN_RESULT);
    public static final Topic RUN_RESULTS_EXTENDED_PAYLOADS = Topic.extendedPayloadsOf(Family.RUN_RESULT).orElseThrow();
    public static final Topic RUN_RESULTS_STATUS = Topic.statusOf(Family.RUN_RESULT);
    public static final Topic AUTH_SESSION_RESULTS_RAW = Topic.inputOf(Family.AUTH_SESSION_RESULT);
    public static final Topic AUTH_SESSION_RESULTS_COMPLETED = Topic.completedOf(Family.AUTH_SESSION_RESULT);
    public static final Topic AUTH_SESSION_RESULTS_ERRORS = Topic.errorsOf(Family.AUTH_SESSION_RESULT);
    public static final Topic AUTH_SESSION_RESULTS_PROGRESS = Topic.progressOf(Family.AUTH_SESSION_RESULT);
    public static final Topic AUTH_SESSION_RESULTS_STATUS = Topic.statusOf(Family.AUTH_SESSION_RESULT);

    private Topics() {
    }
}
