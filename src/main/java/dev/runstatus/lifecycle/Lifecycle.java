package dev.runstatus.lifecycle;

import dev.runstatus.schema.Family;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documented lifecycle of each family: a first status, an in-flight one, and the terminal ones. A
 * status may be skipped and a terminal status is final. A status the documentation does not name (one a
 * newer schema added) is taken as in flight.
 */
public enum Lifecycle {
    RUN_RESULT(Family.RUN_RESULT, "pending", "started", List.of("completed", "failed", "canceled")),
    AUTH_SESSION_RESULT(Family.AUTH_SESSION_RESULT, "pending", "in_progress", List.of("done", "failed", "canceled"));

    private static final int FIRST = 0;
    private static final int IN_FLIGHT = 1;
    private static final int TERMINAL = 2;

    private final Family family;
    private final Map<String, Integer> ranks;

    Lifecycle(Family family, String first, String inFlight, List<String> terminal) {
        this.family = family;
        Map<String, Integer> ranks = new HashMap<>();
        ranks.put(first, FIRST);
        ranks.put(inFlight, IN_FLIGHT);
        terminal.forEach(status -> ranks.put(status, TERMINAL));
        this.ranks = Map.copyOf(ranks);
    }

    public static Lifecycle of(Family family) {
        return family == Family.RUN_RESULT ? RUN_RESULT : AUTH_SESSION_RESULT;
    }

    public Family family() {
        return family;
    }

    /** The statuses after which nothing may change. */
    public List<String> terminalStatuses() {
        return ranks.entrySet().stream().filter(entry -> entry.getValue() == TERMINAL).map(Map.Entry::getKey).sorted().toList();
    }

    /** The statuses of a run that has not ended. */
    public List<String> inFlightStatuses() {
        return ranks.entrySet().stream().filter(entry -> entry.getValue() != TERMINAL).map(Map.Entry::getKey).sorted().toList();
    }

    /** Every status the documentation names for this family. */
    public Set<String> statuses() {
        return ranks.keySet();
    }

    public boolean isTerminal(String status) {
        return rank(status) == TERMINAL;
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
        return ranks.getOrDefault(status, IN_FLIGHT);
    }
}
