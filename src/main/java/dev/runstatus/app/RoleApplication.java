package dev.runstatus.app;

import dev.runstatus.acl.AclRole;
import dev.runstatus.acl.Denials;
import dev.runstatus.acl.Principals;
import dev.runstatus.acl.RequiredAcls;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.Role;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.failure.FailureCause;
import dev.runstatus.metrics.FailureMeters;
import dev.runstatus.metrics.Health;
import dev.runstatus.metrics.MetricNames;
import dev.runstatus.metrics.StreamsHealth;
import dev.runstatus.registry.SchemaRegistries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.avro.Schema;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * One Kafka Streams application of the instance (a role), with what is its own: its failure policy and
 * thread replacements, its health, its checks, its meters (tagged with the role). A transient failure
 * replaces its stream thread; a permanent one stops it, and tells the instance.
 */
final class RoleApplication implements AutoCloseable {

    /** What a role runs: its topology and Streams properties, the input topics it reads, the topics and subjects it needs. */
    record Plan(Role role, String applicationId, Topology topology, Properties properties, Set<String> inputs,
                List<String> topics, Map<String, Schema> subjects) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RoleApplication.class);
    /** How long closing a role's Kafka Streams may take (commit, leave the group). */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Leaving the group hands this instance's partitions to the others at once, not after the session timeout. */
    private static final CloseOptions CLOSE = CloseOptions.timeout(CLOSE_TIMEOUT)
            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    private static final Duration REGISTRY_PROBE_INTERVAL = Duration.ofSeconds(1);

    private final RunStatusConfig config;
    private final Plan plan;
    private final KafkaStreams streams;
    private final Health health;
    private final FailureMeters failureMeters;
    private final FailurePolicy failures;
    private final RegistryWait registryWait;
    private final InputAssignment assignment;
    private final KafkaStreamsMetrics streamsMetrics;
    private final Runnable stopped;
    private final Denials denials;
    private HealthChecks checks;

    /** {@code stopped} runs when the application stops for good, by itself or on a permanent failure. */
    RoleApplication(RunStatusConfig config, Plan plan, MeterRegistry meters, Runnable stopped) {
        this.config = config;
        this.plan = plan;
        this.stopped = stopped;
        this.assignment = new InputAssignment(plan.inputs());
        this.streams = new KafkaStreams(plan.topology(), assignment.attachTo(plan.properties()));
        Clock clock = Clock.systemUTC();
        this.health = new Health(streams::state, clock);
        String role = plan.role().id();
        this.failureMeters = new FailureMeters(meters, role, health::notReady, List.of(FailureCause.values()));
        this.registryWait = new RegistryWait(streams, health, SchemaRegistries.uncached(config.registrySettings().once()),
                config.registrySettings().url(), REGISTRY_PROBE_INTERVAL, clock);
        this.denials = denials(config, plan.role());
        this.failures = new FailurePolicy(new ThreadReplacements(config.intValue(ConfigKeys.THREAD_REPLACEMENTS_MAX),
                config.millis(ConfigKeys.THREAD_REPLACEMENTS_WINDOW_MS), clock), failureMeters, health, registryWait::begin,
                denials);
        this.streamsMetrics = new KafkaStreamsMetrics(streams, Tags.of(MetricNames.TAG_ROLE, role));
        streamsMetrics.bindTo(meters);
        StreamsHealth.bindStateGauges(meters, role, streams::state);
        streams.setUncaughtExceptionHandler(failures);
        streams.setStateListener((newState, oldState) -> {
            LOG.info("The {}'s Kafka Streams: {} -> {}", plan.role().id(), oldState, newState);
            health.stateChanged();
            if (newState == KafkaStreams.State.RUNNING) {
                assignment.take(streams);
            }
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                stopped.run();
            }
        });
    }

    private static Denials denials(RunStatusConfig config, Role role) {
        AclRole acls = role == Role.LIFECYCLE ? AclRole.LIFECYCLE : AclRole.ROUTING;
        return new Denials(Principals.of(config), acls, RequiredAcls.of(config, acls));
    }

    /** Starts the checks, then Kafka Streams. */
    void start() {
        checks = new HealthChecks(config, plan.role().id(), plan.applicationId(), plan.topics(), plan.subjects(), streams, health,
                failureMeters, this::stopOnPermanentFailure, assignment, denials);
        streams.start();
    }

    /** A check found a failure that no retry heals: stop Kafka Streams (from the checks' thread, never a stream thread). */
    private void stopOnPermanentFailure(FailureCause cause, String detail) {
        failures.failPermanently(cause, detail);
        checks.stop();
        streams.close(CLOSE);
        stopped.run();
    }

    Role role() {
        return plan.role();
    }

    String applicationId() {
        return plan.applicationId();
    }

    Properties properties() {
        return plan.properties();
    }

    KafkaStreams streams() {
        return streams;
    }

    Health health() {
        return health;
    }

    /** The permanent failure that stopped the application, if one did. */
    Optional<Health.Condition> failure() {
        return health.failure().or(() -> health.notReady().filter(down -> down.reason() == Health.Reason.FAILED));
    }

    @Override
    public void close() {
        if (checks != null) {
            checks.close();
        }
        registryWait.close();
        streams.close(CLOSE);
        streamsMetrics.close();
    }
}
