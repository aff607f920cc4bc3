package dev.runstatus.app;

import dev.runstatus.config.ConfigKeys;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The partitions a consumer polled reach the instance's assignment through the interceptor it is configured with. */
class InputAssignmentTest {

    @Test
    void theMainConsumersInterceptorReportsPolledInputPartitionsOnly() {
        InputAssignment assignment = new InputAssignment(Set.of("in"));
        Properties properties = assignment.attachTo(new Properties());
        assertEquals(PolledPartitions.class.getName(),
                properties.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG)));
        Object attached = properties.get(StreamsConfig.mainConsumerPrefix(ConfigKeys.INPUT_ASSIGNMENT));
        assertSame(assignment, attached);

        PolledPartitions interceptor = new PolledPartitions();
        interceptor.configure(Map.of(ConfigKeys.INPUT_ASSIGNMENT, attached));
        TopicPartition input = new TopicPartition("in", 2);
        TopicPartition branch = new TopicPartition("branch", 2);
        interceptor.onConsume(new ConsumerRecords<>(Map.of(
                input, List.of(new ConsumerRecord<>("in", 2, 7L, new byte[0], new byte[0])),
                branch, List.of(new ConsumerRecord<>("branch", 2, 3L, new byte[0], new byte[0]))), Map.of()));

        assertEquals(Set.of(input), assignment.partitions());
    }

    @Test
    void anInterceptorConfiguredAlreadyIsKept() {
        Properties configured = new Properties();
        configured.put(StreamsConfig.consumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG), "com.example.Tracing");
        new InputAssignment(Set.of("in")).attachTo(configured);
        assertEquals("com.example.Tracing," + PolledPartitions.class.getName(),
                configured.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG)));
    }
}
