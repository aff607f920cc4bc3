package dev.runstatus.query;

import dev.runstatus.lifecycle.Lifecycle;
import dev.runstatus.lifecycle.LifecycleCodec;
import dev.runstatus.lifecycle.LifecycleTopology;
import dev.runstatus.lifecycle.RunState;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers for runs from the lifecycle step's stores through Kafka Streams' interactive queries: one run
 * by key (asked of the instance that owns the key when it is another), or a list by status (gathered
 * from every instance). 503 while this instance is not running, its stores are moving in a rebalance,
 * or another instance that must answer does not.
 */
public final class RunQueries {

    public static final String RUNS_PATH = "/runs";
    public static final String AUTH_SESSIONS_PATH = "/auth-sessions";
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    private final Optional<RunStores> stores;
    private final String absent;
    private final LifecycleCodec codec = new LifecycleCodec();
    private final RemoteQueries remote = new RemoteQueries();

    /** {@code stores} empty when the lifecycle does not run in this instance, {@code absent} saying why. */
    public RunQueries(Optional<RunStores> stores, String absent) {
        this.stores = stores;
        this.absent = absent;
    }

    public static String pathOf(Lifecycle lifecycle) {
        return lifecycle == Lifecycle.RUN_RESULT ? RUNS_PATH : AUTH_SESSIONS_PATH;
    }

    /** The path of one run: its key as one encoded path segment. */
    public static String pathOf(Lifecycle lifecycle, String key) {
        return pathOf(lifecycle) + "/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One run; {@code forwarded} when another instance asked, which is then answered from this one's store only. */
    public Answer one(Lifecycle lifecycle, String key, boolean forwarded) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        return withStore(lifecycle, store -> {
            Optional<HostInfo> owner = forwarded ? Optional.empty() : stores.get().otherOwner(LifecycleTopology.storeName(lifecycle), keyBytes);
            if (owner.isPresent()) {
                return remote.get(owner.get(), pathOf(lifecycle, key));
            }
            byte[] stored = store.get(keyBytes);
            if (stored == null) {
                return Answer.error(404, "no " + lifecycle.family().id() + " with key " + key);
            }
            return new Answer(200, RunStateJson.of(codec.decodeState(stored)));
        });
    }

    /** Runs with the status (all when empty), at most {@code limit}, from this instance and, unless forwarded, every other. */
    public Answer list(Lifecycle lifecycle, Optional<String> status, int limit, boolean forwarded) {
        if (status.isPresent() && !lifecycle.statuses().contains(status.get())) {
            return Answer.error(400, "status must be one of " + lifecycle.statuses().stream().sorted().toList()
                    + ", not " + status.get());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return Answer.error(400, "limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
        }
        return withStore(lifecycle, store -> {
            RunList runs = local(store, status, limit);
            if (!forwarded) {
                String query = pathOf(lifecycle) + "?limit=" + limit + status.map(value -> "&status=" + value).orElse("");
                for (HostInfo other : stores.get().others(LifecycleTopology.storeName(lifecycle))) {
                    Answer answer = remote.get(other, query);
                    if (answer.status() != 200) {
                        return Answer.error(503, "the instance at " + other.host() + ":" + other.port() + " answered "
                                + answer.status() + ": " + answer.body().get("error"));
                    }
                    runs.addAll(answer.body(), limit);
                }
            }
            return new Answer(200, runs.json());
        });
    }

    private RunList local(ReadOnlyKeyValueStore<byte[], byte[]> store, Optional<String> status, int limit) {
        RunList runs = new RunList();
        try (KeyValueIterator<byte[], byte[]> all = store.all()) {
            while (all.hasNext() && !runs.truncated) {
                KeyValue<byte[], byte[]> entry = all.next();
                RunState state = codec.decodeState(entry.value);
                if (status.isEmpty() || status.get().equals(state.status())) {
                    runs.add(RunStateJson.of(state), limit);
                }
            }
        }
        return runs;
    }

    private Answer withStore(Lifecycle lifecycle, StoreQuery query) {
        if (stores.isEmpty()) {
            return Answer.error(404, absent);
        }
        KafkaStreams.State state = stores.get().state();
        if (state != KafkaStreams.State.RUNNING) {
            return Answer.error(503, "the lifecycle is " + state + ", not RUNNING");
        }
        try {
            return query.answer(stores.get().store(LifecycleTopology.storeName(lifecycle)));
        } catch (InvalidStateStoreException e) {
            return Answer.error(503, "the run store is not available yet: " + e.getMessage());
        }
    }

    /** Where the stores are: Kafka Streams' interactive queries, or a test driver's stores. */
    public interface RunStores {

        KafkaStreams.State state();

        /** @throws InvalidStateStoreException while the store is not queryable here */
        ReadOnlyKeyValueStore<byte[], byte[]> store(String name);

        /** The instance that owns the key, when it is not this one. */
        Optional<HostInfo> otherOwner(String store, byte[] key);

        /** Every other instance that keeps part of the store. */
        List<HostInfo> others(String store);
    }

    private interface StoreQuery {
        Answer answer(ReadOnlyKeyValueStore<byte[], byte[]> store);
    }

    /** Runs gathered up to a limit; truncated when there were more. */
    private static final class RunList {
        private final List<Object> runs = new ArrayList<>();
        private boolean truncated;

        void add(Object run, int limit) {
            if (runs.size() == limit) {
                truncated = true;
            } else {
                runs.add(run);
            }
        }

        /** Another instance's answer to the same list query. */
        void addAll(Map<String, Object> otherList, int limit) {
            ((List<?>) otherList.get("runs")).forEach(run -> add(run, limit));
            truncated |= Boolean.TRUE.equals(otherList.get("truncated"));
        }

        Map<String, Object> json() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runs", runs);
            body.put("count", runs.size());
            body.put("truncated", truncated);
            return body;
        }
    }

    /** An HTTP status and a JSON body. */
    public record Answer(int status, Map<String, Object> body) {

        static Answer error(int status, String message) {
            return new Answer(status, Map.of("error", message));
        }
    }
}
