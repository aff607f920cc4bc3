package dev.runstatus.lifecycle;

import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.metrics.LifecycleMetrics;
import dev.runstatus.registry.SchemaIds;
import dev.runstatus.registry.SchemaRegistry;
import dev.runstatus.registry.SubjectNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The lifecycle application's topology: per family, a source over the family's three branch topics
 * (already keyed by the run's key, so co-partitioned without a repartition), one processor with a
 * persistent, cached store, and sinks to the family's status topic and the lifecycle events. Pure:
 * building it does no I/O; {@code registry} supplies the writer schemas of branch records by id.
 */
public final class LifecycleTopology {

    private LifecycleTopology() {
    }

    /** The state store of a family's runs, for example "run-result-lifecycle": what the query API reads. */
    public static String storeName(Lifecycle lifecycle) {
        return lifecycle.family().id() + "-lifecycle";
    }

    public static Topology build(LifecycleSettings settings, TopicNames topics, SchemaIds ids, SchemaRegistry registry,
                                 LifecycleMetrics metrics) {
        Topology topology = new Topology();
        LifecycleCodec codec = new LifecycleCodec();
        StatusReader statuses = new StatusReader(registry);
        int eventSchemaId = ids.of(SubjectNames.valueSubject(topics.name(Topic.LIFECYCLE_EVENTS)));
        for (Lifecycle lifecycle : Lifecycle.values()) {
            String family = lifecycle.family().id().toLowerCase(Locale.ROOT);
            metrics.prepare(lifecycle.family().id(), transitionIds(),
                    Arrays.stream(LifecycleEvent.Kind.values()).map(LifecycleEvent.Kind::symbol).toList(),
                    lifecycle.terminalStatuses(), lifecycle.inFlightStatuses());
            String source = "read-" + family + "-branches";
            String processor = "track-" + family + "-lifecycle";
            String statusSink = "write-" + family + "-status";
            String eventSink = "write-" + family + "-lifecycle-events";
            String statusTopic = topics.name(Topic.statusOf(lifecycle.family()));
            LifecycleOutputs outputs = new LifecycleOutputs(statusSink, statusTopic, eventSink, topics.name(Topic.LIFECYCLE_EVENTS),
                    ids.of(SubjectNames.valueSubject(statusTopic)), eventSchemaId, codec, metrics);
            metrics.prepareOutputs(List.of(statusTopic, topics.name(Topic.LIFECYCLE_EVENTS)));
            topology.addSource(source, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                    branchTopics(lifecycle, topics).toArray(String[]::new));
            topology.addProcessor(processor, () -> new LifecycleProcessor(lifecycle, settings, statuses, codec, outputs,
                    metrics, storeName(lifecycle)), source);
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName(lifecycle)),
                    Serdes.ByteArray(), Serdes.ByteArray()).withCachingEnabled(), processor);
            topology.addSink(statusSink, statusTopic, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), processor);
            topology.addSink(eventSink, topics.name(Topic.LIFECYCLE_EVENTS), Serdes.ByteArray().serializer(),
                    Serdes.ByteArray().serializer(), processor);
        }
        return topology;
    }

    /** A family's branch topics, by name: what the lifecycle reads. */
    public static List<String> branchTopics(Lifecycle lifecycle, TopicNames topics) {
        return Topic.branchesOf(lifecycle.family()).stream().map(topics::name).toList();
    }

    private static List<String> transitionIds() {
        List<String> ids = new ArrayList<>(Arrays.stream(Transition.values()).map(Transition::id).toList());
        ids.add(LifecycleProcessor.UNREADABLE);
        return ids;
    }
}
