package dev.runstatus.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes the wire-format bytes an {@link Outcome.Encoded} already holds. Used only by sinks, which never
 * deserialize: reading output topics is {@code AvroWireDeserializer}'s job.
 */
final class EncodedValueSerde implements Serde<Outcome> {

    @Override
    public Serializer<Outcome> serializer() {
        return (topic, outcome) -> ((Outcome.Encoded) outcome).value();
    }

    @Override
    public Deserializer<Outcome> deserializer() {
        return (topic, bytes) -> {
            throw new UnsupportedOperationException("output topics are read with AvroWireDeserializer");
        };
    }
}
