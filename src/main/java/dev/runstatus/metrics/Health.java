package dev.runstatus.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the instance says about itself. Live unless it has failed for good. Ready only while Kafka
 * Streams is RUNNING, nothing has failed for good, and nothing keeps it from making progress (input
 * waiting and no commit for the stall window, a cluster that does not answer). Each answer carries the
 * state, the reason it is not up, and since when; what keeps it from progress is named before the
 * state, since a task that fails again and again is rebalancing, but stalled is what matters.
 */
public final class Health {

    /** Why the instance is not ready, or not live. */
    public enum Reason {
        STARTING, REBALANCING, STOPPING, STALLED, BROKER_UNREACHABLE, REGISTRY_UNREACHABLE, FAILED;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A reason with its details and when it began. */
    public record Condition(Reason reason, String detail, Instant since) {
    }

    /** What found a condition that keeps the application from progress; the first one set is named first. */
    public enum Source {
        /** The application waits for the schema registry before it processes again. */
        REGISTRY,
        /** The periodic check of commits against lag, and of the cluster's answers. */
        PROGRESS
    }

    /** One answer of /health/live or /health/ready. */
    public record Answer(boolean up, KafkaStreams.State state, Optional<Condition> condition, Instant since) {

        public String json() {
            return node().toString() + "\n";
        }

        ObjectNode node() {
            ObjectNode body = JSON.createObjectNode().put("status", up ? "UP" : "DOWN").put("state", state.name());
            condition.ifPresent(down -> body.put("reason", down.reason().id()).put("detail", down.detail()));
            return body.put("since", since.toString());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<KafkaStreams.State> state;
    private final Clock clock;
    private volatile Instant stateSince;
    private volatile Instant unblockedSince;
    private final Map<Source, Condition> blocked = new ConcurrentHashMap<>();
    private volatile Condition failed;

    public Health(Supplier<KafkaStreams.State> state, Clock clock) {
        this.state = state;
        this.clock = clock;
        this.stateSince = clock.instant();
        this.unblockedSince = stateSince;
    }

    /** Kafka Streams changed state. */
    public void stateChanged() {
        stateSince = clock.instant();
    }

    /** Something that {@code source} found keeps the instance from making progress (empty: nothing does any more). */
    public synchronized void blocked(Source source, Optional<Condition> condition) {
        Condition current = blocked.get(source);
        if (condition.isEmpty()) {
            if (current != null) {
                blocked.remove(source);
                if (blocked.isEmpty()) {
                    unblockedSince = clock.instant();
                }
            }
        } else if (current == null || current.reason() != condition.get().reason()) {
            blocked.put(source, condition.get());
        } else {
            blocked.put(source, new Condition(current.reason(), condition.get().detail(), current.since()));
        }
    }

    /** The instance has failed for good; the first failure is kept. */
    public void failed(String detail) {
        if (failed == null) {
            failed = new Condition(Reason.FAILED, detail, clock.instant());
        }
    }

    public Optional<Condition> failure() {
        return Optional.ofNullable(failed);
    }

    /** What keeps the instance from being ready now, if anything. */
    public Optional<Condition> notReady() {
        KafkaStreams.State now = state.get();
        if (failed != null) {
            return Optional.of(failed);
        }
        if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
            return Optional.of(new Condition(Reason.FAILED, "Kafka Streams is in state " + now, stateSince));
        }
        for (Source source : Source.values()) {
            Condition condition = blocked.get(source);
            if (condition != null) {
                return Optional.of(condition);
            }
        }
        if (now != KafkaStreams.State.RUNNING) {
            Reason reason = switch (now) {
                case CREATED -> Reason.STARTING;
                case REBALANCING -> Reason.REBALANCING;
                default -> Reason.STOPPING;
            };
            return Optional.of(new Condition(reason, "Kafka Streams is in state " + now, stateSince));
        }
        return Optional.empty();
    }

    public Answer live() {
        KafkaStreams.State now = state.get();
        Optional<Condition> down = notReady().filter(condition -> condition.reason() == Reason.FAILED);
        return new Answer(down.isEmpty(), now, down, down.map(Condition::since).orElse(stateSince));
    }

    public Answer ready() {
        KafkaStreams.State now = state.get();
        Optional<Condition> down = notReady();
        Instant since = down.map(Condition::since).orElseGet(() -> latest(stateSince, unblockedSince));
        return new Answer(down.isEmpty(), now, down, since);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
