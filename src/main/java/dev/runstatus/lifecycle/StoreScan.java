package dev.runstatus.lifecycle;

import dev.runstatus.metrics.LifecycleMetrics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pass over a task's runs on wall-clock time: a terminal run past its retention leaves the store
 * (with a tombstone), a run silent past the abandon bound is closed and leaves too, a run in flight past
 * the stall bound is marked stalled once, and the runs still in flight are counted by status.
 */
final class StoreScan {

    private final Lifecycle lifecycle;
    private final LifecycleSettings settings;
    private final LifecycleCodec codec;
    private final LifecycleOutputs outputs;
    private final LifecycleMetrics metrics;
    private final ProcessorContext<byte[], byte[]> context;
    private final KeyValueStore<byte[], byte[]> store;

    StoreScan(Lifecycle lifecycle, LifecycleSettings settings, LifecycleCodec codec, LifecycleOutputs outputs,
              LifecycleMetrics metrics, ProcessorContext<byte[], byte[]> context, KeyValueStore<byte[], byte[]> store) {
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.codec = codec;
        this.outputs = outputs;
        this.metrics = metrics;
        this.context = context;
        this.store = store;
    }

    void run(long wallClock) {
        List<byte[]> removed = new ArrayList<>();
        List<KeyValue<byte[], RunState>> stalled = new ArrayList<>();
        Map<String, Long> inFlight = new TreeMap<>();
        try (KeyValueIterator<byte[], byte[]> runs = store.all()) {
            while (runs.hasNext()) {
                KeyValue<byte[], byte[]> entry = runs.next();
                RunState state = codec.decodeState(entry.value);
                if (state.terminal()) {
                    if (wallClock - state.statusSince() > settings.retention().toMillis()) {
                        removed.add(entry.key);
                    }
                } else if (wallClock - state.lastReport() > settings.abandonAfter().toMillis()) {
                    outputs.event(context, entry.key, LifecycleEvent.ofScan(LifecycleEvent.Kind.ABANDONED,
                            state.closedAs(RunState.ABANDONED), wallClock), wallClock);
                    removed.add(entry.key);
                } else {
                    inFlight.merge(state.status(), 1L, Long::sum);
                    if (state.stalledAt() == null && wallClock - state.firstSeen() > settings.stallAfter().toMillis()) {
                        stalled.add(KeyValue.pair(entry.key, state));
                    }
                }
            }
        }
        for (byte[] key : removed) {
            store.delete(key);
            outputs.tombstone(context, key, wallClock);
        }
        for (KeyValue<byte[], RunState> run : stalled) {
            RunState marked = run.value.stalled(wallClock);
            byte[] encoded = codec.encode(marked);
            store.put(run.key, encoded);
            outputs.status(context, run.key, encoded, wallClock);
            outputs.event(context, run.key, LifecycleEvent.ofScan(LifecycleEvent.Kind.STALLED, run.value, wallClock), wallClock);
        }
        metrics.inFlight(lifecycle.family().id(), context.taskId().toString(), inFlight);
    }
}
