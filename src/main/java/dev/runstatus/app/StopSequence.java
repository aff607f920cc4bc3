package dev.runstatus.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;

/**
 * What a run has started, stopped last-started-first exactly once, by whichever thread asks first: the
 * main thread when the run ends, or the shutdown hook of a signal, possibly in the middle of start-up.
 * Something added once stopping has begun is closed at once and the start-up goes no further.
 */
public final class StopSequence {

    private static final Logger LOG = LoggerFactory.getLogger(StopSequence.class);

    private record Step(String name, AutoCloseable resource) {
    }

    private final Deque<Step> started = new ArrayDeque<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Adds a resource to stop; throws {@link CancellationException} (after closing it) if stopping has begun. */
    public <T extends AutoCloseable> T add(String name, T resource) {
        synchronized (this) {
            if (stopping.getCount() > 0) {
                started.push(new Step(name, resource));
                return resource;
            }
        }
        closeQuietly(new Step(name, resource));
        throw new CancellationException("stopping; " + name + " was not started");
    }

    /** Stops everything added, in reverse order; a second call waits until the first has finished. */
    public void stop() {
        List<Step> steps;
        synchronized (this) {
            if (stopping.getCount() == 0) {
                steps = null;
            } else {
                stopping.countDown();
                steps = new ArrayList<>(started);
                started.clear();
            }
        }
        if (steps == null) {
            awaitStopped();
            return;
        }
        steps.forEach(StopSequence::closeQuietly);
        stopped.countDown();
    }

    /** Blocks until a stop begins. */
    public void awaitStopping() throws InterruptedException {
        stopping.await();
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Step step) {
        try {
            step.resource().close();
        } catch (Exception e) {
            LOG.warn("Could not stop {} cleanly: {}", step.name(), e.toString());
        }
    }
}
