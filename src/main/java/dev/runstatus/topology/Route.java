package dev.runstatus.topology;

import dev.runstatus.config.Topic;
import dev.runstatus.schema.Family;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which output topic a valid document goes to, by family and status: each family's completed, error and
 * progress routes, from its entry in the family table. Each route is a named branch.
 */
public final class Route {

    private static final List<Route> ALL = all();
    /** Looked up once per record, so built once. */
    private static final Map<Family, Map<String, Route>> BY_FAMILY_AND_STATUS = byFamilyAndStatus();

    private final Family family;
    private final Topic topic;
    private final Set<String> statuses;
    private final String branchName;

    private Route(Family family, Topic topic, List<String> statuses, String kind) {
        this.family = family;
        this.topic = topic;
        this.statuses = Set.copyOf(statuses);
        this.branchName = family.branches() + "-" + kind;
    }

    /** Every route, family by family: completed, error, progress. */
    public static List<Route> values() {
        return ALL;
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

    @Override
    public String toString() {
        return branchName;
    }

    private static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        for (Family family : Family.values()) {
            routes.add(new Route(family, Topic.completedOf(family), family.completedStatuses(), "completed"));
            routes.add(new Route(family, Topic.errorsOf(family), family.errorStatuses(), "error"));
            routes.add(new Route(family, Topic.progressOf(family), family.progressStatuses(), "progress"));
        }
        return List.copyOf(routes);
    }

    private static Map<Family, Map<String, Route>> byFamilyAndStatus() {
        Map<Family, Map<String, Route>> routes = new HashMap<>();
        for (Route route : ALL) {
            route.statuses.forEach(status -> routes.computeIfAbsent(route.family, family -> new HashMap<>()).put(status, route));
        }
        return routes;
    }
}
