package dev.runstatus.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How to reach a registry: its base URL (path prefix allowed), basic auth, timeouts and retries. */
public record RegistrySettings(URI url, Optional<String> basicAuthUserInfo, Duration requestTimeout, int maxRetries,
                               Duration initialBackoff, Duration maxBackoff) {

    public static RegistrySettings defaults(URI url) {
        return new RegistrySettings(url, Optional.empty(), Duration.ofSeconds(10), 5, Duration.ofMillis(100),
                Duration.ofSeconds(5));
    }

    public RegistrySettings withBasicAuth(Optional<String> userInfo) {
        return new RegistrySettings(url, userInfo, requestTimeout, maxRetries, initialBackoff, maxBackoff);
    }
}
