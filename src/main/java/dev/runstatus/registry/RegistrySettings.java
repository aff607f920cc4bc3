package dev.runstatus.registry;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach a registry: its base URL (path prefix allowed), basic auth, TLS, the timeout of one
 * request, and retries of what may heal (I/O errors, 429, 5xx) with backoff, for at most
 * {@code maxRetries} more attempts and within {@code retryBudget} from the first.
 */
public record RegistrySettings(URI url, Optional<String> basicAuthUserInfo, Optional<SSLContext> tls, Duration requestTimeout,
                               int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration retryBudget) {

    public static RegistrySettings defaults(URI url) {
        return new RegistrySettings(url, Optional.empty(), Optional.empty(), Duration.ofSeconds(10), 5, Duration.ofMillis(100),
                Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    public RegistrySettings withBasicAuth(Optional<String> userInfo) {
        return new RegistrySettings(url, userInfo, tls, requestTimeout, maxRetries, initialBackoff, maxBackoff, retryBudget);
    }

    public RegistrySettings withTls(Optional<SSLContext> context) {
        return new RegistrySettings(url, basicAuthUserInfo, context, requestTimeout, maxRetries, initialBackoff, maxBackoff,
                retryBudget);
    }

    /** Gives up once {@code budget} has passed since the first attempt, and never waits longer than it for one answer. */
    public RegistrySettings withRetryBudget(Duration budget) {
        Duration timeout = requestTimeout.compareTo(budget) > 0 ? budget : requestTimeout;
        return new RegistrySettings(url, basicAuthUserInfo, tls, timeout, maxRetries, initialBackoff, maxBackoff, budget);
    }

    /** One attempt, no retry: for checks that run again by themselves. */
    public RegistrySettings once() {
        return new RegistrySettings(url, basicAuthUserInfo, tls, requestTimeout, 0, initialBackoff, maxBackoff, retryBudget);
    }
}
