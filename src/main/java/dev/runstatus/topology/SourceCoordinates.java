package dev.runstatus.topology;

import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Where an input record was read, and its timestamp: what every output record points back to. */
public record SourceCoordinates(String topic, int partition, long offset, long timestamp) {

    static SourceCoordinates of(RecordMetadata metadata, long timestamp) {
        return new SourceCoordinates(metadata.topic(), metadata.partition(), metadata.offset(), timestamp);
    }
}
