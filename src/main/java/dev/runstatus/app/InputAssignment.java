package dev.runstatus.app;

import dev.runstatus.config.ConfigKeys;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The input partitions this instance works on: those of its active tasks at its last assignment, and
 * those its consumer has polled since. Kafka Streams' metadata shows tasks only between one rebalance
 * and the next, and a task that fails on its first record again and again is rebalancing nearly all
 * the time; the consumer's polls ({@link PolledPartitions}) see its partitions all the same.
 */
final class InputAssignment {

    private final Set<String> inputs;
    private volatile Set<TopicPartition> assigned = Set.of();
    private final Set<TopicPartition> polled = ConcurrentHashMap.newKeySet();

    InputAssignment(Set<String> inputs) {
        this.inputs = inputs;
    }

    /** Has the main consumer report its polls here (beside any interceptor configured already). */
    Properties attachTo(Properties streamsProperties) {
        String key = StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG);
        String configured = Stream.of(key, StreamsConfig.consumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG),
                        ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG)
                .map(streamsProperties::getProperty).filter(value -> value != null && !value.isBlank()).findFirst().orElse(null);
        streamsProperties.put(key, configured == null ? PolledPartitions.class.getName()
                : configured + "," + PolledPartitions.class.getName());
        streamsProperties.put(StreamsConfig.mainConsumerPrefix(ConfigKeys.INPUT_ASSIGNMENT), this);
        return streamsProperties;
    }

    /** Takes the current assignment, if the instance has one; partitions polled before it are then forgotten. */
    void take(KafkaStreams streams) {
        Set<TopicPartition> current = new LinkedHashSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                task.topicPartitions().stream().filter(partition -> inputs.contains(partition.topic())).forEach(current::add);
            }
        }
        if (!current.isEmpty()) {
            assigned = Set.copyOf(current);
            polled.retainAll(current);
        }
    }

    void polled(Collection<TopicPartition> partitions) {
        partitions.stream().filter(partition -> inputs.contains(partition.topic())).forEach(polled::add);
    }

    Set<TopicPartition> partitions() {
        Set<TopicPartition> partitions = new LinkedHashSet<>(assigned);
        partitions.addAll(polled);
        return partitions;
    }
}
