package dev.runstatus.lifecycle;

import dev.runstatus.schema.Family;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of each family, from its entry in the family table: its progress statuses in the order
 * a run passes through them, then its terminal ones (completed and errors). A status may be skipped and
 * a terminal status is final. A status the table does not name (one a newer schema added) ranks as the
 * last progress status.
 */
public final class Lifecycle {

    private static final Map<Family, Lifecycle> BY_FAMILY = byFamily();
    private static final List<Lifecycle> ALL = List.copyOf(BY_FAMILY.values());

    private final Family family;
    private final Map<String, Integer> ranks;
    private final int terminal;
    private final int unnamed;

    private Lifecycle(Family family) {
        this.family = family;
        Map<String, Integer> ranks = new HashMap<>();
        List<String> progress = family.progressStatuses();
        for (int rank = 0; rank < progress.size(); rank++) {
            ranks.put(progress.get(rank), rank);
        }
        this.terminal = progress.size();
        this.unnamed = progress.size() - 1;
        family.completedStatuses().forEach(status -> ranks.put(status, terminal));
        family.errorStatuses().forEach(status -> ranks.put(status, terminal));
        this.ranks = Map.copyOf(ranks);
    }

    /** Every family's lifecycle, in the family table's order. */
    public static List<Lifecycle> values() {
        return ALL;
    }

    public static Lifecycle of(Family family) {
        return BY_FAMILY.get(family);
    }

    public Family family() {
        return family;
    }

    /** The statuses after which nothing may change. */
    public List<String> terminalStatuses() {
        return ranks.entrySet().stream().filter(entry -> entry.getValue() == terminal).map(Map.Entry::getKey).sorted().toList();
    }

    /** The statuses of a run that has not ended. */
    public List<String> inFlightStatuses() {
        return ranks.entrySet().stream().filter(entry -> entry.getValue() != terminal).map(Map.Entry::getKey).sorted().toList();
    }

    /** Every status the documentation names for this family. */
    public Set<String> statuses() {
        return ranks.keySet();
    }

    public boolean isTerminal(String status) {
        return rank(status) == terminal;
    }

    /** Classifies a report against the run's state, or against nothing for the run's first report. */
    public Transition classify(RunState before, StatusReport report) {
        if (before == null) {
            return Transition.ADVANCE;
        }
        if (report.status().equals(before.status())) {
            return Transition.DUPLICATE;
        }
        if (report.at() < before.statusSince()) {
            return Transition.LATE;
        }
        if (before.terminal() || rank(report.status()) < rank(before.status())) {
            return Transition.ILLEGAL;
        }
        return Transition.ADVANCE;
    }

    /** The run's state after a report that {@link #classify} found to be {@code transition}. */
    public RunState apply(RunState before, StatusReport report, Transition transition, String key) {
        if (before == null) {
            return RunState.first(key, family, report, isTerminal(report.status()));
        }
        return switch (transition) {
            case ADVANCE -> before.advancedTo(report, isTerminal(report.status()));
            case DUPLICATE, LATE -> before.withEarlier(report);
            case ILLEGAL -> before.counted(report);
        };
    }

    private int rank(String status) {
        return ranks.getOrDefault(status, unnamed);
    }

    @Override
    public String toString() {
        return family.id();
    }

    private static Map<Family, Lifecycle> byFamily() {
        Map<Family, Lifecycle> lifecycles = new LinkedHashMap<>();
        Family.values().forEach(family -> lifecycles.put(family, new Lifecycle(family)));
        return lifecycles;
    }
}
