package dev.runstatus.lifecycle;

import java.util.Locale;

/** One record of the lifecycle-events topic: what happened to which run, and what was known of it before. */
public record LifecycleEvent(Kind kind, long at, RunState before, StatusReport report, String reportSource) {

    public enum Kind {
        ILLEGAL, LATE, STALLED, ENDED_AFTER_STALL, ABANDONED;

        /** The symbol in LifecycleEvent.avsc and the tag in metrics. */
        public String symbol() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static LifecycleEvent ofReport(Kind kind, RunState before, StatusReport report, String reportSource) {
        return new LifecycleEvent(kind, report.at(), before, report, reportSource);
    }

    static LifecycleEvent ofScan(Kind kind, RunState before, long wallClock) {
        return new LifecycleEvent(kind, wallClock, before, null, null);
    }
}
