package dev.runstatus.lifecycle;

import java.time.Duration;

/**
 * When the lifecycle step acts on wall-clock time: a run in flight longer than {@code stallAfter} (from
 * its first report) is stalled, a terminal run leaves the store {@code retention} after its final
 * status, a run silent for {@code abandonAfter} is closed as abandoned, and the store is scanned for
 * these every {@code scanInterval}.
 */
public record LifecycleSettings(Duration stallAfter, Duration retention, Duration abandonAfter, Duration scanInterval) {

    public LifecycleSettings {
        for (Duration duration : new Duration[] {stallAfter, retention, abandonAfter, scanInterval}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("lifecycle times must be positive, not " + duration);
            }
        }
    }
}
