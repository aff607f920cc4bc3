package dev.runstatus.acl;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Who needs a set of ACLs: each Kafka Streams application of runstatus, and the operator who runs its commands. */
public enum AclRole {
    /** The routing application: {@code run --role routing}. */
    ROUTING,
    /** The lifecycle application and its query API: {@code run --role lifecycle}. */
    LIFECYCLE,
    /** The commands: topics, status, produce, tail, replay, reconcile, redrive, reset. */
    OPERATOR,
    /** One principal for everything (the routing, the lifecycle and the commands). */
    ALL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AclRole of(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the role must be one of "
                        + Arrays.stream(values()).map(AclRole::id).collect(Collectors.joining(", ")) + ", not " + id));
    }
}
