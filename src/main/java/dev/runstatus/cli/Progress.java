package dev.runstatus.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A line on standard error that a long command rewrites once a second ("produce: 12,345 of 100,000
 * records, 5,012/s"), when standard error is a terminal; nothing at all otherwise, so that scripts and
 * logs see only the result.
 */
final class Progress implements AutoCloseable {

    private final PrintWriter err;
    private final String what;
    private final long total;
    private final LongSupplier done;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService ticker;

    private Progress(PrintWriter err, String what, long total, LongSupplier done, boolean terminal) {
        this.err = err;
        this.what = what;
        this.total = total;
        this.done = done;
        this.ticker = terminal ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "runstatus-progress");
            thread.setDaemon(true);
            return thread;
        }) : null;
        if (ticker != null) {
            ticker.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** {@code done} counts the records so far; {@code total} is 0 when it is not known ahead. */
    static Progress of(PrintWriter err, String what, long total, LongSupplier done) {
        return new Progress(err, what, total, done, System.console() != null);
    }

    private void print() {
        double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
        long now = done.getAsLong();
        err.printf("\r%s: %,d%s records, %,.0f/s   ", what, now, total > 0 ? String.format(" of %,d", total) : "", now / seconds);
        err.flush();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            err.print("\r" + " ".repeat(72) + "\r");
            err.flush();
        }
    }
}
