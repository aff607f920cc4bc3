package dev.runstatus.config;

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
    DEAD_LETTER("runstatus.dlq");

    private final String defaultName;

    Topic(String defaultName) {
        this.defaultName = defaultName;
    }

    public String defaultName() {
        return defaultName;
    }

    public String configKey() {
        return ConfigKeys.TOPIC_PREFIX + defaultName;
    }
}
