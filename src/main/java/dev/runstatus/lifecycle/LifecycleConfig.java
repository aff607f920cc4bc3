package dev.runstatus.lifecycle;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;

/** The lifecycle's settings from configuration. */
public final class LifecycleConfig {

    private LifecycleConfig() {
    }

    public static LifecycleSettings of(RunStatusConfig config) {
        return new LifecycleSettings(config.millis(ConfigKeys.LIFECYCLE_STALL_AFTER_MS),
                config.millis(ConfigKeys.LIFECYCLE_RETENTION_MS), config.millis(ConfigKeys.LIFECYCLE_ABANDON_AFTER_MS),
                config.millis(ConfigKeys.LIFECYCLE_SCAN_INTERVAL_MS));
    }
}
