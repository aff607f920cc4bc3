package dev.runstatus.query;

import dev.runstatus.lifecycle.Lifecycle;
import dev.runstatus.lifecycle.LifecycleCodec;
import dev.runstatus.lifecycle.LifecycleTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The query service over the lifecycle's stores, without HTTP: one run by key, asked of the instance
 * that keeps it (or, when that one does not answer within the deadline, of a standby, marked stale), or
 * a page of runs by status, gathered from every instance in parallel under one deadline. A request from
 * another instance is answered from this instance's stores alone and never passed on.
 */
public final class RunQueries {

    private final Optional<RunStores> stores;
    private final String absent;
    private final Peers peers;
    private final Duration deadline;
    private final LifecycleCodec codec = new LifecycleCodec();

    /**
     * {@code stores} empty when the lifecycle does not run in this instance, {@code absent} saying why;
     * {@code deadline}: how long an answer may wait on other instances.
     */
    public RunQueries(Optional<RunStores> stores, String absent, Peers peers, Duration deadline) {
        this.stores = stores;
        this.absent = absent;
        this.peers = peers;
        this.deadline = deadline;
    }

    public static String pathOf(Lifecycle lifecycle) {
        return lifecycle.family().queryPath();
    }

    /** The path of one run: its key as one encoded path segment. */
    public static String pathOf(Lifecycle lifecycle, String key) {
        return pathOf(lifecycle) + "/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One run, from the instance that keeps it; when another instance asks, from this one's stores only. */
    public Answer one(Lifecycle lifecycle, String key, Access access) {
        String store = LifecycleTopology.storeName(lifecycle);
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        return withStores(() -> {
            RunStores local = stores.orElseThrow();
            if (access != Access.CLIENT) {
                return local.get(store, keyBytes, access == Access.FORWARDED_STALE).map(value -> answer(lifecycle, key, value))
                        .orElseGet(() -> Answer.error(503, Answer.NOT_KEPT_HERE, "this instance keeps no copy of " + what(lifecycle, key)));
            }
            Optional<RunStores.Owners> owners = local.owners(store, keyBytes);
            if (owners.isEmpty()) {
                return local.self().isEmpty() ? local.get(store, keyBytes, false).map(value -> answer(lifecycle, key, value)).orElseThrow()
                        : Answer.error(503, Answer.NOT_RUNNING, "no instance keeps the partition of " + what(lifecycle, key)
                        + " right now (a rebalance); retry");
            }
            if (owners.get().active().equals(local.self().orElseThrow())) {
                return local.get(store, keyBytes, false).map(value -> answer(lifecycle, key, value))
                        .orElseGet(() -> Answer.error(503, Answer.NOT_RUNNING, "the store of " + what(lifecycle, key) + " is moving here; retry"));
            }
            return fromOwnerOrStandby(lifecycle, key, store, keyBytes, owners.get());
        });
    }

    /** The owner's answer within the deadline; else a standby's, marked stale; else 503 naming the owner. */
    private Answer fromOwnerOrStandby(Lifecycle lifecycle, String key, String store, byte[] keyBytes, RunStores.Owners owners) {
        long until = System.nanoTime() + deadline.toNanos();
        String path = pathOf(lifecycle, key);
        Answer owner = peers.await(peers.get(owners.active(), path, Access.FORWARDED), until);
        if (owner.definite()) {
            return owner;
        }
        RunStores local = stores.orElseThrow();
        if (owners.standbys().contains(local.self().orElseThrow())) {
            Optional<RunStores.LocalValue> standby = local.get(store, keyBytes, true);
            if (standby.isPresent()) {
                return answer(lifecycle, key, standby.get());
            }
        }
        for (HostInfo standby : owners.standbys()) {
            Answer stale = peers.await(peers.get(standby, path, Access.FORWARDED_STALE), until);
            if (stale.definite()) {
                return stale;
            }
        }
        return Answer.error(503, Answer.INSTANCE_UNAVAILABLE, "the instance at " + Peers.address(owners.active()) + " that keeps "
                + what(lifecycle, key) + " did not answer within " + deadline.toMillis() + " ms (" + owner.body().get("error") + ")"
                + (owners.standbys().isEmpty() ? "" : ", and no standby answered"));
    }

    /** A page of runs with the status (all when empty), in key order, from every instance unless another asks. */
    public Answer list(Lifecycle lifecycle, ListQuery query, Access access) {
        if (query.status().isPresent() && !lifecycle.statuses().contains(query.status().get())) {
            return Answer.error(400, Answer.BAD_REQUEST, "status must be one of " + lifecycle.statuses().stream().sorted().toList()
                    + ", not " + query.status().get());
        }
        return withStores(() -> new RunList(stores.orElseThrow(), peers, codec, LifecycleTopology.storeName(lifecycle),
                pathOf(lifecycle), deadline).page(query, access));
    }

    private Answer withStores(Supplier<Answer> query) {
        if (stores.isEmpty()) {
            return Answer.error(404, Answer.NO_LIFECYCLE_HERE, absent);
        }
        KafkaStreams.State state = stores.get().state();
        if (state != KafkaStreams.State.RUNNING) {
            return Answer.error(503, Answer.NOT_RUNNING, "the lifecycle is " + state + ", not RUNNING");
        }
        try {
            return query.get();
        } catch (InvalidStateStoreException e) {
            return Answer.error(503, Answer.NOT_RUNNING, "the run store is not available yet: " + e.getMessage());
        }
    }

    private Answer answer(Lifecycle lifecycle, String key, RunStores.LocalValue value) {
        if (value.value() == null) {
            return Answer.error(404, Answer.RUN_NOT_FOUND, "no " + what(lifecycle, key));
        }
        Map<String, Object> body = new LinkedHashMap<>(RunStateJson.of(codec.decodeState(value.value())));
        if (value.stale()) {
            body.put("stale", true);
            body.put("lagRecords", value.lagRecords());
        }
        return new Answer(200, body);
    }

    private static String what(Lifecycle lifecycle, String key) {
        return lifecycle.family().id() + " with key " + key;
    }
}
