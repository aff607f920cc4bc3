package dev.runstatus.app;

import dev.runstatus.acl.Denials;
import dev.runstatus.acl.TopicAccess;
import dev.runstatus.failure.FailureCause;
import dev.runstatus.metrics.Health;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Whether the instance makes progress, as an operator would check it with kafka-consumer-groups: for the
 * input partitions of its own tasks, the committed offset against the end (last stable) offset. A
 * partition with input waiting whose committed offset has not moved for the stall window makes the
 * instance not ready ("stalled"); a cluster that does not answer makes it not ready too. A topic of the
 * pipeline that disappears is a permanent failure.
 */
final class ProgressMonitor {

    private record Progress(long committed, Instant since) {
    }

    private final KafkaStreams streams;
    private final Admin admin;
    private final String applicationId;
    private final Set<String> topics;
    private final Duration stallWindow;
    private final Duration timeout;
    private final Clock clock;
    private final Health health;
    private final BiConsumer<FailureCause, String> permanentFailure;
    private final InputAssignment assignment;
    private final Map<TopicPartition, Progress> progress = new HashMap<>();
    private Set<String> missingBefore = Set.of();

    private final Denials denials;

    ProgressMonitor(KafkaStreams streams, Admin admin, String applicationId, Set<String> topics,
                    Duration stallWindow, Duration timeout, Clock clock, Health health,
                    BiConsumer<FailureCause, String> permanentFailure, InputAssignment assignment, Denials denials) {
        this.denials = denials;
        this.streams = streams;
        this.admin = admin;
        this.applicationId = applicationId;
        this.topics = topics;
        this.stallWindow = stallWindow;
        this.timeout = timeout;
        this.clock = clock;
        this.health = health;
        this.permanentFailure = permanentFailure;
        this.assignment = assignment;
    }

    /** One check; called every health-check interval. */
    void check() {
        try {
            requireTopics();
            KafkaStreams.State state = streams.state();
            health.blocked(Health.Source.PROGRESS, state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING ? stalled() : Optional.empty());
        } catch (TimeoutException e) {
            health.blocked(Health.Source.PROGRESS, Optional.of(new Health.Condition(Health.Reason.BROKER_UNREACHABLE,
                    "the Kafka cluster did not answer within " + timeout.toSeconds() + " s", clock.instant())));
        } catch (ExecutionException e) {
            health.blocked(Health.Source.PROGRESS, Optional.of(new Health.Condition(Health.Reason.BROKER_UNREACHABLE,
                    "the Kafka cluster did not answer the progress check: " + FailurePolicy.summary(e), clock.instant())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A topic missing in two checks in a row was deleted under the running pipeline, unless the principal may
     * no longer describe it: the broker lists only what a principal may describe.
     */
    private void requireTopics() throws ExecutionException, TimeoutException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Set<String> missing = topics.stream().filter(topic -> !existing.contains(topic)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> stillMissing = missing.stream().filter(missingBefore::contains).collect(Collectors.toCollection(TreeSet::new));
        missingBefore = missing;
        Set<String> refused = stillMissing.isEmpty() ? Set.of() : TopicAccess.undescribable(admin, stillMissing);
        stillMissing.removeAll(refused);
        if (!refused.isEmpty()) {
            permanentFailure.accept(FailureCause.NOT_AUTHORIZED, denials.topics(refused));
        } else if (!stillMissing.isEmpty()) {
            permanentFailure.accept(FailureCause.TOPIC_MISSING, (stillMissing.size() == 1 ? "topic " : "topics ")
                    + String.join(", ", stillMissing) + " deleted under the running pipeline; re-create with: runstatus topics create");
        }
    }

    /**
     * The instance's partitions are those of its last assignment, kept through a rebalance: a task that
     * fails again and again rebalances again and again, and is stalled all the same.
     */
    private Optional<Health.Condition> stalled() throws ExecutionException, TimeoutException, InterruptedException {
        assignment.take(streams);
        Set<TopicPartition> local = assignment.partitions();
        if (local.isEmpty()) {
            progress.clear();
            return Optional.empty();
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                local.stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Instant now = clock.instant();
        progress.keySet().retainAll(local);
        Map<TopicPartition, Long> stalledLag = new HashMap<>();
        for (TopicPartition partition : local) {
            long at = Optional.ofNullable(committed.get(partition)).map(OffsetAndMetadata::offset).orElse(0L);
            long lag = ends.get(partition).offset() - at;
            Progress before = progress.get(partition);
            if (before == null || before.committed() != at || lag <= 0) {
                progress.put(partition, new Progress(at, now));
            } else if (!before.since().plus(stallWindow).isAfter(now)) {
                stalledLag.put(partition, lag);
            }
        }
        if (stalledLag.isEmpty()) {
            return Optional.empty();
        }
        String partitions = stalledLag.entrySet().stream().sorted(Map.Entry.comparingByKey(
                        (a, b) -> a.toString().compareTo(b.toString())))
                .map(entry -> entry.getKey() + " (lag " + entry.getValue() + ")").collect(Collectors.joining(", "));
        return Optional.of(new Health.Condition(Health.Reason.STALLED, "input waiting and nothing committed for "
                + stallWindow.toSeconds() + " s on " + partitions, now));
    }
}
