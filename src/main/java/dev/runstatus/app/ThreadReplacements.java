package dev.runstatus.app;

import dev.runstatus.failure.FailureCause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts stream-thread replacements per cause within a sliding window: a transient failure that replaces
 * threads more than {@code max} times within the window is not healing, and is treated as permanent.
 */
final class ThreadReplacements {

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Map<FailureCause, Deque<Instant>> times = new EnumMap<>(FailureCause.class);

    ThreadReplacements(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    /** Records one replacement for this cause; true while the count within the window is at most {@code max}. */
    synchronized boolean allow(FailureCause cause) {
        Instant now = clock.instant();
        Deque<Instant> recent = times.computeIfAbsent(cause, any -> new ArrayDeque<>());
        recent.addLast(now);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
            recent.removeFirst();
        }
        return recent.size() <= max;
    }

    int max() {
        return max;
    }

    Duration window() {
        return window;
    }
}
