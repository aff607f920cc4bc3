package dev.runstatus.lifecycle;

import dev.runstatus.schema.Family;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What is known of one run: its current status and since when, its first and latest report, how many
 * reports there were, and every distinct status with its earliest time. Event times throughout, except
 * {@code stalledAt} (wall clock). Immutable; each change returns a new state.
 */
public record RunState(String key, Family family, String status, boolean terminal, long firstSeen, long statusSince,
                       long lastReport, long reports, List<StatusReport> history, Long stalledAt, String closed) {

    /** The value of {@code closed} for a run closed because it stayed silent too long. */
    public static final String ABANDONED = "abandoned";

    public RunState {
        history = List.copyOf(history);
    }

    static RunState first(String key, Family family, StatusReport report, boolean terminal) {
        return new RunState(key, family, report.status(), terminal, report.at(), report.at(), report.at(), 1,
                List.of(report), null, null);
    }

    RunState advancedTo(StatusReport report, boolean nowTerminal) {
        return new RunState(key, family, report.status(), nowTerminal, Math.min(firstSeen, report.at()), report.at(),
                Math.max(lastReport, report.at()), reports + 1, historyWith(report), stalledAt, closed);
    }

    /** A report that changes no status but may tell of an earlier time: a duplicate, or a late one. */
    RunState withEarlier(StatusReport report) {
        long since = report.status().equals(status) ? Math.min(statusSince, report.at()) : statusSince;
        return new RunState(key, family, status, terminal, Math.min(firstSeen, report.at()), since,
                Math.max(lastReport, report.at()), reports + 1, historyWith(report), stalledAt, closed);
    }

    /** A report that changes nothing but the count and the latest time: an illegal one. */
    RunState counted(StatusReport report) {
        return new RunState(key, family, status, terminal, firstSeen, statusSince, Math.max(lastReport, report.at()),
                reports + 1, history, stalledAt, closed);
    }

    RunState stalled(long wallClock) {
        return new RunState(key, family, status, terminal, firstSeen, statusSince, lastReport, reports, history, wallClock, closed);
    }

    RunState closedAs(String reason) {
        return new RunState(key, family, status, terminal, firstSeen, statusSince, lastReport, reports, history, stalledAt, reason);
    }

    /** Whether the two differ in more than the report count and latest time: a change the status topics carry. */
    boolean changedFrom(RunState before) {
        return before == null || !status.equals(before.status) || firstSeen != before.firstSeen
                || statusSince != before.statusSince || !history.equals(before.history)
                || !Objects.equals(stalledAt, before.stalledAt) || !Objects.equals(closed, before.closed);
    }

    private List<StatusReport> historyWith(StatusReport report) {
        List<StatusReport> updated = new ArrayList<>(history.size() + 1);
        boolean known = false;
        for (StatusReport seen : history) {
            if (seen.status().equals(report.status())) {
                known = true;
                updated.add(seen.at() <= report.at() ? seen : report);
            } else {
                updated.add(seen);
            }
        }
        if (!known) {
            updated.add(report);
        }
        updated.sort(Comparator.comparingLong(StatusReport::at));
        return updated;
    }
}
