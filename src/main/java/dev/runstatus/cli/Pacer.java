package dev.runstatus.cli;

import java.util.concurrent.locks.LockSupport;

/** Spaces sends evenly at a fixed rate from the start, so short stalls are caught up rather than lost. */
final class Pacer {

    private final long start = System.nanoTime();
    private final double nanosPerRecord;

    Pacer(double recordsPerSecond) {
        this.nanosPerRecord = recordsPerSecond > 0 ? 1e9 / recordsPerSecond : 0;
    }

    void await(long index) {
        if (nanosPerRecord == 0) {
            return;
        }
        long due = start + (long) (index * nanosPerRecord);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
