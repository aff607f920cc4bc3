package dev.runstatus.audit;

import dev.runstatus.topology.InputRange;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A range of an input topic as an operator gives it: per-partition offsets, or timestamps, or neither
 * (the whole topic as it is now). Offsets win over timestamps for the partitions they name.
 */
public record RangeSpec(Map<Integer, Long> fromOffsets, Map<Integer, Long> toOffsets, Optional<Instant> fromTime,
                        Optional<Instant> toTime) {

    public RangeSpec {
        fromOffsets = Map.copyOf(fromOffsets);
        toOffsets = Map.copyOf(toOffsets);
    }

    /** "0:100,1:250" as partition 0 at offset 100 and partition 1 at offset 250. */
    public static Map<Integer, Long> parseOffsets(String text) {
        Map<Integer, Long> offsets = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return offsets;
        }
        for (String entry : text.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected PARTITION:OFFSET, not " + entry);
            }
            try {
                offsets.put(Integer.parseInt(parts[0].trim()), Long.parseLong(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected PARTITION:OFFSET with whole numbers, not " + entry, e);
            }
        }
        return offsets;
    }

    /** The offsets this spec means on the topic now, clamped to what the partitions hold. */
    public InputRange resolve(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        Map<Integer, TopicPartition> partitions = new TreeMap<>();
        consumer.partitionsFor(topic).forEach(info -> partitions.put(info.partition(), new TopicPartition(topic, info.partition())));
        for (Integer partition : fromOffsets.keySet()) {
            require(partitions.containsKey(partition), "topic " + topic + " has no partition " + partition);
        }
        for (Integer partition : toOffsets.keySet()) {
            require(partitions.containsKey(partition), "topic " + topic + " has no partition " + partition);
        }
        Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions.values());
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions.values());
        Map<TopicPartition, Long> fromTimes = offsetsAt(consumer, partitions, fromTime, end);
        Map<TopicPartition, Long> toTimes = offsetsAt(consumer, partitions, toTime, end);
        Map<Integer, InputRange.Offsets> offsets = new TreeMap<>();
        partitions.forEach((partition, topicPartition) -> {
            long low = first.get(topicPartition);
            long high = end.get(topicPartition);
            long start = fromOffsets.containsKey(partition) ? fromOffsets.get(partition) : fromTimes.getOrDefault(topicPartition, low);
            long stop = toOffsets.containsKey(partition) ? toOffsets.get(partition) : toTimes.getOrDefault(topicPartition, high);
            start = Math.min(Math.max(start, low), high);
            stop = Math.min(Math.max(stop, start), high);
            offsets.put(partition, new InputRange.Offsets(start, stop));
        });
        return new InputRange(topic, offsets);
    }

    /** The first offset at or after the time, or the partition's end where nothing is that late. */
    private static Map<TopicPartition, Long> offsetsAt(KafkaConsumer<byte[], byte[]> consumer, Map<Integer, TopicPartition> partitions,
                                                       Optional<Instant> time, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (time.isEmpty()) {
            return offsets;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.values().forEach(partition -> query.put(partition, time.get().toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        partitions.values().forEach(partition -> offsets.put(partition,
                found.get(partition) == null ? end.get(partition) : found.get(partition).offset()));
        return offsets;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
