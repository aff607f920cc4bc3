package dev.runstatus.topology;

import dev.runstatus.config.ConfigKeys;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.util.Map;

/** The dead-letter record for a failure that Kafka Streams reports to an exception handler. */
final class DeadLetters {

    private DeadLetters() {
    }

    /** The input record's raw key, value, timestamp and headers, with the headers that say why. */
    static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, ErrorHandlerContext context, Rejection rejection) {
        SourceCoordinates source = new SourceCoordinates(context.topic(), context.partition(), context.offset(),
                context.timestamp());
        return new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), context.sourceRawKey(),
                context.sourceRawValue(), DeadLetterHeaders.build(context.headers(), rejection, source));
    }

    /** True in a dry run, where nothing is written, dead letters included. */
    static boolean discarding(Map<String, ?> configs) {
        return Boolean.parseBoolean(String.valueOf(configs.get(ConfigKeys.DISCARD_OUTPUTS)));
    }

    static String deadLetterTopic(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new IllegalArgumentException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + " must name the dead-letter topic");
        }
        return topic.toString();
    }
}
