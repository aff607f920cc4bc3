package dev.runstatus.cli;

/** Exit codes shared by every subcommand. */
final class ExitCodes {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE_OR_IO = 2;
    /** run only: the pipeline stopped on a permanent failure (the cause is on standard error and /health/live). */
    static final int PIPELINE_FAILED = 3;

    private ExitCodes() {
    }
}
