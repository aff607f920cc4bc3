package dev.runstatus.lifecycle;

/** A status and its event time: what one branch record says about its run. */
public record StatusReport(String status, long at) {
}
