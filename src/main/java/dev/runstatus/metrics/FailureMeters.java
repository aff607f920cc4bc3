package dev.runstatus.metrics;

import dev.runstatus.failure.FailureCause;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What went wrong around the data path of one role (one Kafka Streams application), for dashboards and
 * alerts: failures by class and cause, stream threads replaced, what the role is waiting on, and whether
 * the registry answers. Every meter carries the role.
 */
public final class FailureMeters {

    public static final String TRANSIENT = "transient";
    public static final String PERMANENT = "permanent";

    private final MeterRegistry registry;
    private final String role;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final Map<String, Counter> replacements = new ConcurrentHashMap<>();
    private volatile boolean registryUp = true;

    /**
     * Every cause is counted from zero in the classes it can have, so that a rate or an increase sees its
     * first failure: permanent for all (a transient one that keeps replacing threads becomes permanent),
     * transient and thread replacements only for those waiting can heal.
     */
    public FailureMeters(MeterRegistry registry, String role, Supplier<Optional<Health.Condition>> notReady, List<FailureCause> causes) {
        this.registry = registry;
        this.role = role;
        for (Health.Reason reason : Health.Reason.values()) {
            Gauge.builder(MetricNames.BLOCKED, () -> notReady.get().filter(down -> down.reason() == reason).isPresent() ? 1 : 0)
                    .description("1 while the instance is not ready for this reason, 0 otherwise")
                    .tags(MetricNames.TAG_REASON, reason.id(), MetricNames.TAG_ROLE, role)
                    .register(registry);
        }
        Gauge.builder(MetricNames.DEPENDENCY_UP, () -> registryUp ? 1 : 0)
                .description("1 while the dependency answers the instance's periodic checks")
                .tags(MetricNames.TAG_DEPENDENCY, "schema-registry", MetricNames.TAG_ROLE, role)
                .register(registry);
        for (FailureCause cause : causes) {
            failure(PERMANENT, cause.id());
            if (!cause.permanent()) {
                failure(TRANSIENT, cause.id());
                replacement(cause.id());
            }
        }
    }

    public void failed(String failureClass, String cause) {
        failure(failureClass, cause).increment();
    }

    public void threadReplaced(String cause) {
        replacement(cause).increment();
    }

    private Counter replacement(String cause) {
        return replacements.computeIfAbsent(cause, key -> Counter.builder(MetricNames.THREAD_REPLACEMENTS)
                .description("Stream threads that failed and were replaced, by cause")
                .tags(MetricNames.TAG_CAUSE, cause, MetricNames.TAG_ROLE, role).register(registry));
    }

    public void registryAnswers(boolean answers) {
        registryUp = answers;
    }

    private Counter failure(String failureClass, String cause) {
        return failures.computeIfAbsent(failureClass + '\n' + cause, key -> Counter.builder(MetricNames.FAILURES)
                .description("Failures around the data path, by class (transient: retried; permanent: the instance stops) and cause")
                .tags(MetricNames.TAG_CLASS, failureClass, MetricNames.TAG_CAUSE, cause, MetricNames.TAG_ROLE, role)
                .register(registry));
    }
}
