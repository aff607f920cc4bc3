package dev.runstatus.lifecycle;

import java.util.Locale;

/** How a report relates to what is known of its run. */
public enum Transition {
    /** The first report of a run, or a later status in the documented order. */
    ADVANCE,
    /** The run's current status, reported again. */
    DUPLICATE,
    /** Older by event time than the state it would change: it arrived after a later report. */
    LATE,
    /** A terminal run changing, or a run going backwards. */
    ILLEGAL;

    /** The name in metrics and in the README. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
