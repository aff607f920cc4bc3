package dev.runstatus.cli;

import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends each document to its family's raw topic, or to the one topic given (then with the header that
 * names the family), with the headers and partition asked for, and remembers the first failure.
 */
final class RecordSender {

    private final KafkaProducer<byte[], byte[]> producer;
    private final TopicNames topics;
    private final String fixedTopic;
    private final Integer partition;
    private final Map<String, String> headers;
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile Exception failure;

    RecordSender(KafkaProducer<byte[], byte[]> producer, TopicNames topics, String fixedTopic, Integer partition,
                 Map<String, String> headers) {
        this.producer = producer;
        this.topics = topics;
        this.fixedTopic = fixedTopic;
        this.partition = partition;
        this.headers = headers;
    }

    void send(Family family, byte[] key, byte[] value) {
        String target = fixedTopic != null ? fixedTopic : topics.name(Topic.inputOf(family));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(target, partition, key, value);
        if (fixedTopic != null && !headers.containsKey(HeaderKeys.FAMILY)) {
            record.headers().add(HeaderKeys.FAMILY, family.id().getBytes(StandardCharsets.UTF_8));
        }
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        producer.send(record, (metadata, exception) -> {
            if (exception != null && failure == null) {
                failure = exception;
            } else if (exception == null) {
                acknowledged.incrementAndGet();
            }
        });
    }

    /** Records the broker has acknowledged so far. */
    long acknowledged() {
        return acknowledged.get();
    }

    void rethrowFailure() throws IOException {
        if (failure != null) {
            throw new IOException("a record could not be sent: " + failure.getMessage(), failure);
        }
    }
}
