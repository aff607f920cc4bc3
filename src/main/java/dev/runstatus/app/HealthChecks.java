package dev.runstatus.app;

import dev.runstatus.acl.Denials;
import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.failure.FailureCause;
import dev.runstatus.metrics.FailureMeters;
import dev.runstatus.metrics.Health;
import dev.runstatus.registry.SchemaRegistries;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** A role's periodic checks, on a thread of their own: progress and topics, and the registry's schemas. */
final class HealthChecks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    private final ScheduledExecutorService executor;
    private final Admin admin;

    /**
     * {@code topics}: what the role reads and writes, watched for deletion; {@code subjects}: the schemas
     * it writes with, watched in the registry.
     */
    HealthChecks(RunStatusConfig config, String role, String applicationId, Collection<String> topics, Map<String, Schema> subjects,
                 KafkaStreams streams, Health health, FailureMeters meters, BiConsumer<FailureCause, String> permanentFailure,
                 InputAssignment assignment, Denials denials) {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "runstatus-" + role + "-checks");
            thread.setDaemon(true);
            return thread;
        });
        Duration interval = config.millis(ConfigKeys.HEALTH_CHECK_INTERVAL_MS);
        Duration timeout = interval.compareTo(config.connectTimeout()) < 0 ? interval : config.connectTimeout();
        this.admin = Admin.create(ClientProperties.common(config));
        ProgressMonitor progress = new ProgressMonitor(streams, admin, applicationId, new HashSet<>(topics),
                config.millis(ConfigKeys.STALL_TIMEOUT_MS), timeout, Clock.systemUTC(), health, permanentFailure, assignment,
                denials);
        RegistryWatch registry = new RegistryWatch(SchemaRegistries.uncached(config.registrySettings().once()),
                config.registrySettings().url(), subjects, meters, permanentFailure);
        executor.scheduleWithFixedDelay(quietly(progress::check), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        long registryEvery = config.millis(ConfigKeys.REGISTRY_CHECK_INTERVAL_MS).toMillis();
        executor.scheduleWithFixedDelay(quietly(registry::check), registryEvery, registryEvery, TimeUnit.MILLISECONDS);
    }

    private static Runnable quietly(Runnable check) {
        return () -> {
            try {
                check.run();
            } catch (RuntimeException e) {
                LOG.warn("A health check failed: {}", e.toString());
            }
        };
    }

    /** No check runs after this (one running now finishes). */
    void stop() {
        executor.shutdown();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
