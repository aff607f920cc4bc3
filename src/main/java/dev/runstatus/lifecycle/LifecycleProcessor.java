package dev.runstatus.lifecycle;

import dev.runstatus.metrics.LifecycleMetrics;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Keeps one family's runs in a state store, fed by the family's three branch topics: classifies each
 * report, writes a run's state to the status topic when it changes and an event when a report is
 * illegal or late, and scans the store on wall-clock time for stalled, expired and abandoned runs.
 */
final class LifecycleProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    static final String UNREADABLE = "unreadable";

    private final Lifecycle lifecycle;
    private final LifecycleSettings settings;
    private final StatusReader statuses;
    private final LifecycleCodec codec;
    private final LifecycleOutputs outputs;
    private final LifecycleMetrics metrics;
    private final String storeName;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<byte[], byte[]> store;

    LifecycleProcessor(Lifecycle lifecycle, LifecycleSettings settings, StatusReader statuses, LifecycleCodec codec,
                       LifecycleOutputs outputs, LifecycleMetrics metrics, String storeName) {
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.statuses = statuses;
        this.codec = codec;
        this.outputs = outputs;
        this.metrics = metrics;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(settings.scanInterval(), PunctuationType.WALL_CLOCK_TIME, this::scan);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        byte[] stored = record.key() == null ? null : store.get(record.key());
        RunState before = stored == null ? null : codec.decodeState(stored);
        String status;
        try {
            if (record.key() == null) {
                throw new UnreadableReportException("the record has no key");
            }
            status = statuses.status(record.value());
        } catch (UnreadableReportException e) {
            unreadable(record, before, e.getMessage());
            return;
        }
        StatusReport report = new StatusReport(status, record.timestamp());
        Transition transition = lifecycle.classify(before, report);
        RunState after = lifecycle.apply(before, report, transition, new String(record.key(), StandardCharsets.UTF_8));
        byte[] encoded = codec.encode(after);
        store.put(record.key(), encoded);
        metrics.report(lifecycle.family().id(), transition.id());
        if (after.changedFrom(before)) {
            outputs.status(context, record.key(), encoded, record.timestamp());
        }
        if (transition == Transition.ILLEGAL || transition == Transition.LATE) {
            LifecycleEvent.Kind kind = transition == Transition.ILLEGAL ? LifecycleEvent.Kind.ILLEGAL : LifecycleEvent.Kind.LATE;
            outputs.event(context, record.key(), LifecycleEvent.ofReport(kind, before, report, source()), record.timestamp());
        }
        if (transition == Transition.ADVANCE && after.terminal()) {
            metrics.ended(lifecycle.family().id(), after.status(), Duration.ofMillis(after.statusSince() - after.firstSeen()),
                    after.reports());
            if (before != null && before.stalledAt() != null) {
                outputs.event(context, record.key(), LifecycleEvent.ofReport(LifecycleEvent.Kind.ENDED_AFTER_STALL, before,
                        report, source()), record.timestamp());
            }
        }
    }

    /** Counted and written as an event, never dead-lettered: the dead-letter topic holds inputs, and this is an output. */
    private void unreadable(Record<byte[], byte[]> record, RunState before, String cause) {
        metrics.report(lifecycle.family().id(), UNREADABLE);
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        outputs.event(context, record.key(), LifecycleEvent.unreadable(lifecycle.family(), key, record.timestamp(), before,
                source(), cause), record.timestamp());
    }

    private void scan(long wallClock) {
        new StoreScan(lifecycle, settings, codec, outputs, metrics, context, store).run(wallClock);
    }

    @Override
    public void close() {
        metrics.inFlight(lifecycle.family().id(), context.taskId().toString(), Map.of());
    }

    private String source() {
        return context.recordMetadata().map(LifecycleProcessor::coordinates).orElse(null);
    }

    private static String coordinates(RecordMetadata metadata) {
        return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
    }
}
