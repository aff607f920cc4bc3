package dev.runstatus.app;

import dev.runstatus.acl.AclRole;
import dev.runstatus.acl.Denials;
import dev.runstatus.acl.RequiredAcls;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.failure.FailureCause;
import dev.runstatus.metrics.FailureMeters;
import dev.runstatus.metrics.Health;
import dev.runstatus.metrics.MetricNames;
import dev.runstatus.registry.RegistryException;
import dev.runstatus.registry.RegistryUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which failures a retry can heal, and what the instance does about each. */
class FailurePolicyTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Health health = new Health(() -> KafkaStreams.State.RUNNING, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    private final List<String> registryWaits = new ArrayList<>();
    private final FailurePolicy policy = new FailurePolicy(new ThreadReplacements(2, Duration.ofMinutes(10),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)), new FailureMeters(registry, "routing", health::notReady, List.of(FailureCause.values())),
            health, registryWaits::add, new Denials("User:router", AclRole.ROUTING,
            RequiredAcls.of(RunStatusConfig.load(Optional.empty(), Map.of(), Map.of()), AclRole.ROUTING)));

    @Test
    void everyFailureHasACauseAndAClass() {
        Map<Throwable, FailureCause> causes = Map.of(
                new StreamsException(new TimeoutException("Topic x not present in metadata", new UnknownTopicOrPartitionException("x"))),
                FailureCause.TOPIC_MISSING,
                new MissingSourceTopicException("One or more source topics were missing during rebalance"), FailureCause.TOPIC_MISSING,
                new StreamsException(new TopicAuthorizationException(Set.of("run-results.raw"))), FailureCause.NOT_AUTHORIZED,
                new StreamsException(new SaslAuthenticationException("bad password")), FailureCause.AUTHENTICATION_FAILED,
                new StreamsException(new RecordTooLargeException("too large")), FailureCause.DEAD_LETTER_REFUSED,
                new StreamsException(new TimeoutException("broker away")), FailureCause.BROKER_UNAVAILABLE,
                new RegistryUnavailableException("down", null), FailureCause.REGISTRY_UNREACHABLE,
                new RegistryException("who", 401, 401), FailureCause.REGISTRY_REFUSED_ACCESS,
                new RegistryException("gone", 404, 40401), FailureCause.SCHEMA_MISSING,
                new IllegalStateException("a bug"), FailureCause.UNEXPECTED);
        causes.forEach((failure, cause) -> assertEquals(cause, FailureCause.of(failure), failure.toString()));
        assertEquals(List.of("topic-missing", "not-authorized", "authentication-failed", "registry-refused-access", "schema-missing",
                "registry-error"), FailureCause.ids().stream().filter(id -> FailureCause.valueOf(id.toUpperCase().replace('-', '_'))
                .permanent()).toList());
    }

    @Test
    void aPermanentFailureShutsTheClientDownAndTheInstanceIsNoLongerLive() {
        assertEquals(SHUTDOWN_CLIENT, policy.handle(new StreamsException(new TopicAuthorizationException(Set.of("runstatus.dlq")))));
        assertEquals(false, health.live().up());
        assertEquals("not-authorized: User:router may not WRITE topic runstatus.dlq; grant it (runstatus acls --role routing prints"
                + " every binding)", health.failure().orElseThrow().detail());
        assertEquals(1.0, count(MetricNames.FAILURES, "permanent", "not-authorized"));
    }

    @Test
    void aTransientFailureReplacesTheThreadUntilItKeepsComingBack() {
        StreamsException refused = new StreamsException(new RecordTooLargeException("The request included a message larger than the max"));
        assertEquals(REPLACE_THREAD, policy.handle(refused));
        assertEquals(REPLACE_THREAD, policy.handle(refused));
        assertEquals(true, health.live().up());
        assertEquals(SHUTDOWN_CLIENT, policy.handle(refused));
        assertEquals("dead-letter-refused: the same failure replaced stream threads more than 2 times within 10 min; last:"
                + " RecordTooLargeException: The request included a message larger than the max", health.failure().orElseThrow().detail());
        assertEquals(3.0, registry.get(MetricNames.THREAD_REPLACEMENTS).tag(MetricNames.TAG_CAUSE, "dead-letter-refused").counter().count());
        assertEquals(3.0, count(MetricNames.FAILURES, "transient", "dead-letter-refused"));
        assertEquals(1.0, count(MetricNames.FAILURES, "permanent", "dead-letter-refused"));
    }

    @Test
    void aRegistryThatDoesNotAnswerReplacesTheThreadAndHoldsProcessingUntilItDoes() {
        assertEquals(REPLACE_THREAD, policy.handle(new StreamsException(new RegistryUnavailableException(
                "schema registry GET http://r/schemas/ids/4 failed after 1 attempt: no answer within 2000 ms",
                "no answer within 2000 ms", new java.net.http.HttpTimeoutException("request timed out")))));
        assertEquals(List.of("no answer within 2000 ms"), registryWaits);
        assertEquals(true, health.live().up());
        assertEquals(REPLACE_THREAD, policy.handle(new StreamsException(new RecordTooLargeException("too large"))));
        assertEquals(1, registryWaits.size(), "only a registry failure holds processing");
    }

    @Test
    void onlyAnUnexpectedExceptionBlamesTheRecordBeingProcessed() {
        assertEquals(List.of("unexpected"), java.util.Arrays.stream(FailureCause.values()).filter(FailureCause::blamesTheRecord)
                .map(FailureCause::id).toList());
    }

    private double count(String name, String failureClass, String cause) {
        return registry.get(name).tag(MetricNames.TAG_CLASS, failureClass).tag(MetricNames.TAG_CAUSE, cause).counter().count();
    }
}
