package dev.runstatus.config;

import dev.runstatus.schema.Family;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every topic runstatus reads or writes, with its default name. Each name can be changed with the
 * config key {@code runstatus.topic.<default name>}, for example {@code runstatus.topic.runstatus.dlq}.
 */
public enum Topic {
    RUN_RESULTS_RAW("run-results.raw"),
    AUTH_SESSION_RESULTS_RAW("auth-session-results.raw"),
    RUN_RESULTS_COMPLETED("run-results.completed"),
    RUN_RESULTS_ERRORS("run-results.errors"),
    RUN_RESULTS_PROGRESS("run-results.progress"),
    RUN_RESULTS_EXTENDED_PAYLOADS("run-results.extended-payloads"),
    AUTH_SESSION_RESULTS_COMPLETED("auth-session-results.completed"),
    AUTH_SESSION_RESULTS_ERRORS("auth-session-results.errors"),
    AUTH_SESSION_RESULTS_PROGRESS("auth-session-results.progress"),
    DEAD_LETTER("runstatus.dlq"),
    /** Which dead letters have been redriven, keyed by their coordinates: the guard against redriving one twice. */
    REDRIVE_LEDGER("runstatus.dlq.redriven"),
    /** The current state of every run, one record per change (compacted), written by the lifecycle step. */
    RUN_RESULTS_STATUS("run-results.status"),
    AUTH_SESSION_RESULTS_STATUS("auth-session-results.status"),
    /** Illegal and late reports, stalled, ended-after-stall and abandoned runs, from the lifecycle step. */
    LIFECYCLE_EVENTS("runstatus.lifecycle-events");

    /** The raw input topics the pipeline reads. */
    public static final Set<Topic> INPUTS = Collections.unmodifiableSet(EnumSet.of(RUN_RESULTS_RAW, AUTH_SESSION_RESULTS_RAW));
    /** Everything the pipeline writes: the branch topics, extended payloads and dead letters. */
    public static final Set<Topic> OUTPUTS = Collections.unmodifiableSet(EnumSet.of(RUN_RESULTS_COMPLETED, RUN_RESULTS_ERRORS,
            RUN_RESULTS_PROGRESS, RUN_RESULTS_EXTENDED_PAYLOADS, AUTH_SESSION_RESULTS_COMPLETED, AUTH_SESSION_RESULTS_ERRORS,
            AUTH_SESSION_RESULTS_PROGRESS, DEAD_LETTER));

    /** What the lifecycle step writes; it reads the branch topics. */
    public static final Set<Topic> LIFECYCLE = Collections.unmodifiableSet(EnumSet.of(RUN_RESULTS_STATUS,
            AUTH_SESSION_RESULTS_STATUS, LIFECYCLE_EVENTS));

    private final String defaultName;

    Topic(String defaultName) {
        this.defaultName = defaultName;
    }

    /** The raw input topic of a document family. */
    public static Topic inputOf(Family family) {
        return family == Family.RUN_RESULT ? RUN_RESULTS_RAW : AUTH_SESSION_RESULTS_RAW;
    }

    /** A family's branch topics, all keyed by the run's key: its progress, completed and errors topics. */
    public static Set<Topic> branchesOf(Family family) {
        return family == Family.RUN_RESULT
                ? EnumSet.of(RUN_RESULTS_PROGRESS, RUN_RESULTS_COMPLETED, RUN_RESULTS_ERRORS)
                : EnumSet.of(AUTH_SESSION_RESULTS_PROGRESS, AUTH_SESSION_RESULTS_COMPLETED, AUTH_SESSION_RESULTS_ERRORS);
    }

    /** The compacted topic with the current state of a family's runs. */
    public static Topic statusOf(Family family) {
        return family == Family.RUN_RESULT ? RUN_RESULTS_STATUS : AUTH_SESSION_RESULTS_STATUS;
    }

    public String defaultName() {
        return defaultName;
    }

    public String configKey() {
        return ConfigKeys.TOPIC_PREFIX + defaultName;
    }
}
