package dev.runstatus.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Kafka Streams applications of runstatus, and which of them one {@code run} starts. The routing
 * is stateless and replayable; the lifecycle keeps state, restores it, and can commit less often: they
 * scale, fail and commit apart.
 */
public enum Role {
    /** Both applications in one JVM: the embedded default and the simplest deployment. */
    ALL,
    /** Raw documents in, branch topics, extended payloads and dead letters out. */
    ROUTING,
    /** The branch topics in, the state of every run (store, status topics, lifecycle events) out. */
    LIFECYCLE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean runsRouting() {
        return this != LIFECYCLE;
    }

    public boolean runsLifecycle() {
        return this != ROUTING;
    }

    /** The role named by {@code id}, or an error listing the roles. */
    public static Role of(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(ConfigKeys.ROLE + " must be one of "
                        + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")) + ", not " + id));
    }
}
