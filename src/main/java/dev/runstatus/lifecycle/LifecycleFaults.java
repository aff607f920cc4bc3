package dev.runstatus.lifecycle;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.metrics.LifecycleMetrics;
import dev.runstatus.registry.SchemaIds;
import dev.runstatus.registry.SubjectNames;
import dev.runstatus.registry.WireFormat;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the lifecycle's exception handler needs to report a branch record that failed in an unexpected
 * way: the lifecycle-events topic, its schema id, and the family of each branch topic. Handed to the
 * handler through the Streams properties, as Kafka Streams creates the handler itself.
 */
public final class LifecycleFaults {

    private final String eventTopic;
    private final int eventSchemaId;
    private final Map<String, Family> familyByTopic = new HashMap<>();
    private final LifecycleCodec codec = new LifecycleCodec();
    private final LifecycleMetrics metrics;

    public LifecycleFaults(TopicNames topics, SchemaIds ids, LifecycleMetrics metrics) {
        this.eventTopic = topics.name(Topic.LIFECYCLE_EVENTS);
        this.eventSchemaId = ids.of(SubjectNames.valueSubject(eventTopic));
        this.metrics = metrics;
        for (Lifecycle lifecycle : Lifecycle.values()) {
            LifecycleTopology.branchTopics(lifecycle, topics).forEach(topic -> familyByTopic.put(topic, lifecycle.family()));
        }
    }

    public Properties attachTo(Properties streamsProperties) {
        streamsProperties.put(ConfigKeys.LIFECYCLE_FAULTS, this);
        return streamsProperties;
    }

    static LifecycleFaults attachedTo(Map<String, ?> configs) {
        if (configs.get(ConfigKeys.LIFECYCLE_FAULTS) instanceof LifecycleFaults faults) {
            return faults;
        }
        throw new IllegalStateException(ConfigKeys.LIFECYCLE_FAULTS + " is missing from the lifecycle's Streams configuration");
    }

    /** The unreadable event for the branch record at these coordinates, keyed like it; empty for a topic of no family. */
    Optional<ProducerRecord<byte[], byte[]>> unreadable(String topic, int partition, long offset, long timestamp, byte[] key,
                                                        String cause) {
        Family family = familyByTopic.get(topic);
        if (family == null) {
            return Optional.empty();
        }
        String runKey = key == null ? "" : new String(key, StandardCharsets.UTF_8);
        LifecycleEvent event = LifecycleEvent.unreadable(family, runKey, timestamp, null, topic + "-" + partition + "@" + offset,
                cause);
        metrics.report(family.id(), LifecycleProcessor.UNREADABLE);
        metrics.event(family.id(), event.kind().symbol());
        metrics.recordOut(eventTopic);
        return Optional.of(new ProducerRecord<>(eventTopic, null, timestamp, key,
                WireFormat.frame(eventSchemaId, codec.encode(event))));
    }
}
