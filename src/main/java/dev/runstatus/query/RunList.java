package dev.runstatus.query;

import dev.runstatus.lifecycle.LifecycleCodec;
import org.apache.kafka.streams.state.HostInfo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One page of a list: this instance's runs and, for a client, every other instance's, asked in parallel
 * under one deadline and merged in key order. A page is at most {@code limit} runs; {@code next} is the
 * cursor of the page after it, null on the last. An instance that does not answer makes the page a
 * 503 naming it, or, when the client asked for {@code partial=true}, a 200 naming it in {@code missing}.
 */
final class RunList {

    private static final Comparator<byte[]> KEY_ORDER = Arrays::compareUnsigned;

    private final RunStores stores;
    private final Peers peers;
    private final LifecycleCodec codec;
    private final String store;
    private final String path;
    private final Duration deadline;

    RunList(RunStores stores, Peers peers, LifecycleCodec codec, String store, String path, Duration deadline) {
        this.stores = stores;
        this.peers = peers;
        this.codec = codec;
        this.store = store;
        this.path = path;
        this.deadline = deadline;
    }

    private record Entry(byte[] key, Map<String, Object> run) {
    }

    Answer page(ListQuery query, Access access) {
        Optional<byte[]> after;
        try {
            after = PageCursor.after(query.cursor().orElse(null));
        } catch (IllegalArgumentException e) {
            return Answer.error(400, Answer.BAD_REQUEST, "cursor must be one a page gave as next, not " + query.cursor().orElse(""));
        }
        long until = System.nanoTime() + deadline.toNanos();
        Map<HostInfo, CompletableFuture<Answer>> asked = new LinkedHashMap<>();
        if (access == Access.CLIENT) {
            stores.others(store).forEach(other -> asked.put(other, peers.get(other, path + query.queryString(), Access.FORWARDED)));
        }
        List<Entry> entries = new ArrayList<>();
        boolean more = local(after, query, entries);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<HostInfo, CompletableFuture<Answer>> other : asked.entrySet()) {
            Answer answer = peers.await(other.getValue(), until);
            if (answer.status() != 200) {
                missing.add(Peers.address(other.getKey()) + " (" + answer.body().get("error") + ")");
                continue;
            }
            for (Object run : (List<?>) answer.body().get("runs")) {
                Map<String, Object> state = cast(run);
                entries.add(new Entry(state.get("key").toString().getBytes(StandardCharsets.UTF_8), state));
            }
            more |= answer.body().get("next") != null;
        }
        if (!missing.isEmpty() && !query.partial()) {
            return Answer.error(503, Answer.INSTANCE_UNAVAILABLE, "no answer within " + deadline.toMillis() + " ms from "
                    + String.join(", ", missing) + "; partial=true lists the runs of the others");
        }
        entries.sort(Comparator.comparing(Entry::key, KEY_ORDER));
        more |= entries.size() > query.limit();
        List<Entry> page = entries.subList(0, Math.min(query.limit(), entries.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", page.stream().map(Entry::run).toList());
        body.put("count", page.size());
        body.put("next", more && !page.isEmpty() ? PageCursor.of(page.get(page.size() - 1).key()) : null);
        body.put("partial", !missing.isEmpty());
        body.put("missing", missing);
        return new Answer(200, body);
    }

    /** This instance's first runs after the cursor, into {@code entries}; whether it has more than a page. */
    private boolean local(Optional<byte[]> after, ListQuery query, List<Entry> entries) {
        boolean more = false;
        RunStores.RunFilter filter = query.status().<RunStores.RunFilter>map(status ->
                value -> codec.decodeState(value).status().equals(status)).orElse(value -> true);
        for (List<RunStores.KeyValueBytes> partition : stores.firstOfEachPartition(store, after, query.limit() + 1, filter)) {
            more |= partition.size() > query.limit();
            for (RunStores.KeyValueBytes run : partition) {
                entries.add(new Entry(run.key(), RunStateJson.of(codec.decodeState(run.value()))));
            }
        }
        return more;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object run) {
        return (Map<String, Object>) run;
    }
}
