package dev.runstatus.cli;

import dev.runstatus.audit.RangeSpec;
import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.schema.Family;
import dev.runstatus.topology.InputRange;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.Optional;

/**
 * A range of one input topic: its family, and offsets per partition or times; without offsets or
 * times, the whole topic as it is now.
 */
final class RangeOptions {

    @Option(names = "--family", required = true, converter = FamilyConverter.class, paramLabel = "run-result|auth-session-result",
            description = "Which input topic.")
    Family family;

    @Option(names = "--from-offsets", paramLabel = "P:OFFSET[,...]",
            description = "First offset per partition (inclusive); partitions not named start at their beginning.")
    String fromOffsets;

    @Option(names = "--to-offsets", paramLabel = "P:OFFSET[,...]",
            description = "End offset per partition (exclusive); partitions not named end at their end now.")
    String toOffsets;

    @Option(names = "--from-time", paramLabel = "INSTANT",
            description = "Start at the first record with this timestamp or later, e.g. 2026-11-01T00:00:00Z.")
    Instant fromTime;

    @Option(names = "--to-time", paramLabel = "INSTANT", description = "End before the first record with this timestamp or later.")
    Instant toTime;

    Topic input() {
        return Topic.inputOf(family);
    }

    /** The offsets these options mean on the input topic now. */
    InputRange resolve(RunStatusConfig config) {
        RangeSpec spec = new RangeSpec(RangeSpec.parseOffsets(fromOffsets), RangeSpec.parseOffsets(toOffsets),
                Optional.ofNullable(fromTime), Optional.ofNullable(toTime));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.common(config),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return spec.resolve(consumer, config.topics().name(input()));
        }
    }
}
