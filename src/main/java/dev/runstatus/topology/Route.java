package dev.runstatus.topology;

import dev.runstatus.config.Topic;
import dev.runstatus.schema.Family;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which output topic a valid document goes to, by family and status. Each route is a named branch. */
public enum Route {
    RUN_RESULT_COMPLETED(Family.RUN_RESULT, Topic.RUN_RESULTS_COMPLETED, "completed"),
    RUN_RESULT_ERROR(Family.RUN_RESULT, Topic.RUN_RESULTS_ERRORS, "failed", "canceled"),
    RUN_RESULT_PROGRESS(Family.RUN_RESULT, Topic.RUN_RESULTS_PROGRESS, "pending", "started"),
    AUTH_SESSION_COMPLETED(Family.AUTH_SESSION_RESULT, Topic.AUTH_SESSION_RESULTS_COMPLETED, "done"),
    AUTH_SESSION_ERROR(Family.AUTH_SESSION_RESULT, Topic.AUTH_SESSION_RESULTS_ERRORS, "failed", "canceled"),
    AUTH_SESSION_PROGRESS(Family.AUTH_SESSION_RESULT, Topic.AUTH_SESSION_RESULTS_PROGRESS, "pending", "in_progress");

    /** Looked up once per record, so built once. */
    private static final Map<Family, Map<String, Route>> BY_FAMILY_AND_STATUS = new EnumMap<>(Family.class);

    static {
        for (Family family : Family.values()) {
            BY_FAMILY_AND_STATUS.put(family, new HashMap<>());
        }
        for (Route route : values()) {
            route.statuses.forEach(status -> BY_FAMILY_AND_STATUS.get(route.family).put(status, route));
        }
    }

    private final Family family;
    private final Topic topic;
    private final Set<String> statuses;
    private final String branchName;

    Route(Family family, Topic topic, String... statuses) {
        this.family = family;
        this.topic = topic;
        this.statuses = Set.of(statuses);
        this.branchName = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Family family() {
        return family;
    }

    public Topic topic() {
        return topic;
    }

    /** The branch name in the topology, for example "run-result-completed". */
    public String branchName() {
        return branchName;
    }

    /** The route for a status symbol, or empty for a status no route takes (one a newer schema added). */
    public static Optional<Route> of(Family family, String status) {
        return Optional.ofNullable(BY_FAMILY_AND_STATUS.get(family).get(status));
    }
}
