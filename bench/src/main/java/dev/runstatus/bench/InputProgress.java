package dev.runstatus.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * How far an application has read its inputs, as its consumer group's committed offsets, asked of the
 * broker. The benchmark's driver uses it to time a run; an application's JVM, to end a warm-up pass.
 */
final class InputProgress {

    private final Admin admin;

    InputProgress(Admin admin) {
        this.admin = admin;
    }

    /** The end offset of partition 0 of each topic. */
    Map<TopicPartition, Long> endOffsets(Collection<String> topics) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        topics.forEach(topic -> query.put(new TopicPartition(topic, 0), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(query).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** True once the group has committed the given offsets (or further) on every partition. */
    boolean committedUpTo(String group, Map<TopicPartition, Long> ends) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            if (offset == null || offset.offset() < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    void deleteGroup(String group) {
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get();
        } catch (ExecutionException ignored) {
            // a group left behind costs nothing to the measurements
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
