package dev.runstatus.app;

import dev.runstatus.acl.Denials;
import dev.runstatus.failure.FailureCause;
import dev.runstatus.metrics.FailureMeters;
import dev.runstatus.metrics.Health;
import dev.runstatus.registry.RegistryException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * What a failure does to the instance. A transient one replaces the failed stream thread, which resumes
 * from the last commit; a permanent one, or a transient one that keeps replacing threads, shuts the Kafka
 * Streams client down (under exactly-once its open transaction is aborted, so nothing past the failing
 * record is committed), makes the instance not live, and ends {@code run} with its exit code.
 */
final class FailurePolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FailurePolicy.class);

    private final ThreadReplacements replacements;
    private final FailureMeters meters;
    private final Health health;
    private final Consumer<String> registryUnreachable;
    private final Denials denials;

    /**
     * {@code registryUnreachable} hears of a failure for want of the registry, with its reason, before the thread is replaced;
     * {@code denials} names the permission an authorization failure shows missing.
     */
    FailurePolicy(ThreadReplacements replacements, FailureMeters meters, Health health, Consumer<String> registryUnreachable,
                  Denials denials) {
        this.denials = denials;
        this.replacements = replacements;
        this.meters = meters;
        this.health = health;
        this.registryUnreachable = registryUnreachable;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        FailureCause cause = FailureCause.of(exception);
        if (cause.permanent()) {
            failPermanently(cause, denials.explain(exception).orElseGet(() -> summary(exception)));
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        meters.failed(FailureMeters.TRANSIENT, cause.id());
        meters.threadReplaced(cause.id());
        if (!replacements.allow(cause)) {
            failPermanently(cause, "the same failure replaced stream threads more than " + replacements.max() + " times within "
                    + replacements.window().toMinutes() + " min; last: " + summary(exception));
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.warn("A stream thread failed ({}); replacing it, so processing resumes from the last commit: {}", cause.id(),
                summary(exception));
        if (cause == FailureCause.REGISTRY_UNREACHABLE) {
            registryUnreachable.accept(registryReason(exception));
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Records a permanent failure once: the log line, the meter and the health answers. */
    void failPermanently(FailureCause cause, String detail) {
        if (health.failure().isPresent()) {
            return;
        }
        LOG.error("Stopping the pipeline on a permanent failure ({}): {}", cause.id(), detail);
        meters.failed(FailureMeters.PERMANENT, cause.id());
        health.failed(cause.id() + ": " + detail);
    }

    /** Why the registry did not answer, in the registry client's words ("no answer within 2000 ms", "connection refused"). */
    private static String registryReason(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RegistryException registry) {
                return registry.reason();
            }
        }
        return summary(exception);
    }

    /** The innermost exception that says something, as one line. */
    static String summary(Throwable exception) {
        Throwable deepest = exception;
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null) {
                deepest = cause;
            }
        }
        String message = String.valueOf(deepest.getMessage()).lines().findFirst().orElse("");
        return deepest.getClass().getSimpleName() + ": " + message;
    }
}
