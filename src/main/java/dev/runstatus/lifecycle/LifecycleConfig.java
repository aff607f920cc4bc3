package dev.runstatus.lifecycle;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;

import java.util.Optional;

/** The lifecycle step's settings from configuration, or empty when it is turned off. */
public final class LifecycleConfig {

    private LifecycleConfig() {
    }

    public static Optional<LifecycleSettings> of(RunStatusConfig config) {
        String enabled = config.require(ConfigKeys.LIFECYCLE_ENABLED);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalArgumentException(ConfigKeys.LIFECYCLE_ENABLED + " must be true or false, not " + enabled);
        }
        if (enabled.equals("false")) {
            return Optional.empty();
        }
        return Optional.of(new LifecycleSettings(config.millis(ConfigKeys.LIFECYCLE_STALL_AFTER_MS),
                config.millis(ConfigKeys.LIFECYCLE_RETENTION_MS), config.millis(ConfigKeys.LIFECYCLE_ABANDON_AFTER_MS),
                config.millis(ConfigKeys.LIFECYCLE_SCAN_INTERVAL_MS)));
    }
}
