package dev.runstatus.lifecycle;

import dev.runstatus.schema.Family;

import java.util.Locale;

/**
 * One record of the lifecycle-events topic: what happened to which run, and what was known of it before.
 * {@code before} is null when nothing was known of the run; {@code cause} says why a report was unreadable.
 */
public record LifecycleEvent(Kind kind, Family family, String key, long at, RunState before, StatusReport report,
                             String reportSource, String cause) {

    public enum Kind {
        ILLEGAL, LATE, STALLED, ENDED_AFTER_STALL, ABANDONED, UNREADABLE;

        /** The symbol in LifecycleEvent.avsc and the tag in metrics. */
        public String symbol() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static LifecycleEvent ofReport(Kind kind, RunState before, StatusReport report, String reportSource) {
        return new LifecycleEvent(kind, before.family(), before.key(), report.at(), before, report, reportSource, null);
    }

    static LifecycleEvent ofScan(Kind kind, RunState before, long wallClock) {
        return new LifecycleEvent(kind, before.family(), before.key(), wallClock, before, null, null, null);
    }

    /** A branch record whose status could not be read: where it was, and why. */
    static LifecycleEvent unreadable(Family family, String key, long at, RunState before, String reportSource, String cause) {
        return new LifecycleEvent(Kind.UNREADABLE, family, key, at, before, null, reportSource, cause);
    }
}
