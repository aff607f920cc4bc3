package dev.runstatus.app;

import dev.runstatus.config.ConfigKeys;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * Tells the instance's {@link InputAssignment} which partitions its main consumer polled records from,
 * before any of them is processed: a task that fails on its first record has been seen all the same.
 */
public final class PolledPartitions implements ConsumerInterceptor<byte[], byte[]> {

    private InputAssignment assignment;

    @Override
    public void configure(Map<String, ?> configs) {
        assignment = configs.get(ConfigKeys.INPUT_ASSIGNMENT) instanceof InputAssignment given ? given : null;
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        if (assignment != null && !records.isEmpty()) {
            assignment.polled(records.partitions());
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }
}
