package dev.runstatus.lifecycle;

/** A branch record whose status cannot be read, whatever is retried: the record's own fault, in runstatus's words. */
final class UnreadableReportException extends Exception {

    UnreadableReportException(String cause) {
        super(cause, null, false, false);
    }
}
