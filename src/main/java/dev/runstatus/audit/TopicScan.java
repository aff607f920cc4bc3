package dev.runstatus.audit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads bounded ranges of partitions as a read_committed consumer, one record at a time, and stops
 * when every partition's position has passed its end: memory does not grow with the data read.
 */
final class TopicScan implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration IDLE_LIMIT = Duration.ofMinutes(2);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AtomicLong recordsRead;

    TopicScan(Map<String, Object> clientProperties) {
        this(clientProperties, new AtomicLong());
    }

    /** {@code recordsRead} counts every record handed out, for a progress line. */
    TopicScan(Map<String, Object> clientProperties, AtomicLong recordsRead) {
        this.recordsRead = recordsRead;
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every partition of these topics, from its first offset to its end now. */
    Map<TopicPartition, Span> whole(Collection<String> topics) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Span> spans = new HashMap<>();
        partitions.forEach(partition -> spans.put(partition, new Span(beginnings.get(partition), ends.get(partition))));
        return spans;
    }

    /** Every partition of the topic from its first record at or after {@code from} to its end now. */
    Map<TopicPartition, Span> since(String topic, Instant from) {
        Map<TopicPartition, Span> whole = whole(List.of(topic));
        Map<TopicPartition, Long> query = new HashMap<>();
        whole.keySet().forEach(partition -> query.put(partition, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Span> spans = new HashMap<>();
        whole.forEach((partition, span) -> {
            OffsetAndTimestamp first = found.get(partition);
            spans.put(partition, new Span(first == null ? span.end() : first.offset(), span.end()));
        });
        return spans;
    }

    /** Hands each committed record in the spans to {@code each}, in offset order per partition. */
    void read(Map<TopicPartition, Span> spans, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<TopicPartition, Span> pending = new HashMap<>();
        spans.forEach((partition, span) -> {
            if (span.end() > span.start()) {
                pending.put(partition, span);
            }
        });
        if (pending.isEmpty()) {
            return;
        }
        consumer.assign(pending.keySet());
        pending.forEach((partition, span) -> consumer.seek(partition, span.start()));
        Instant lastProgress = Instant.now();
        while (!pending.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                Span span = pending.get(new TopicPartition(record.topic(), record.partition()));
                if (span != null && record.offset() < span.end()) {
                    recordsRead.incrementAndGet();
                    each.accept(record);
                }
            }
            int before = pending.size();
            List<TopicPartition> done = pending.keySet().stream()
                    .filter(partition -> consumer.position(partition) >= pending.get(partition).end()).toList();
            done.forEach(pending::remove);
            consumer.pause(done);
            if (!records.isEmpty() || pending.size() < before) {
                lastProgress = Instant.now();
            } else if (Instant.now().isAfter(lastProgress.plus(IDLE_LIMIT))) {
                throw new IllegalStateException("no progress reading " + pending.keySet() + " for " + IDLE_LIMIT.toMinutes()
                        + " minutes; is a transaction still open on them?");
            }
        }
        consumer.assign(List.of());
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** Offsets from {@code start} (inclusive) to {@code end} (exclusive). */
    record Span(long start, long end) {
    }
}
