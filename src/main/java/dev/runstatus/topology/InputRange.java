package dev.runstatus.topology;

import java.util.Map;
import java.util.TreeMap;

/**
 * A bounded part of one input topic: per partition, the offsets from {@code start} (inclusive) to
 * {@code end} (exclusive). Partitions not named are outside the range.
 */
public record InputRange(String topic, Map<Integer, Offsets> partitions) {

    public record Offsets(long start, long end) {

        public Offsets {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("an offset range must have 0 <= start <= end, not " + start + ".." + end);
            }
        }

        public long size() {
            return end - start;
        }
    }

    public InputRange {
        partitions = new TreeMap<>(partitions);
    }

    public boolean contains(String recordTopic, int partition, long offset) {
        Offsets offsets = partitions.get(partition);
        return topic.equals(recordTopic) && offsets != null && offset >= offsets.start() && offset < offsets.end();
    }

    public long size() {
        return partitions.values().stream().mapToLong(Offsets::size).sum();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(topic);
        partitions.forEach((partition, offsets) -> text.append(' ').append(partition).append(':')
                .append(offsets.start()).append("..").append(offsets.end()));
        return text.toString();
    }
}
