package dev.runstatus.cli;

/** Exit codes shared by every subcommand. */
final class ExitCodes {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE_OR_IO = 2;

    private ExitCodes() {
    }
}
