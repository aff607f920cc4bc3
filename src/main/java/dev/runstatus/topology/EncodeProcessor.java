package dev.runstatus.topology;

import dev.runstatus.config.Topic;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.registry.WireFormat;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.Optional;

/**
 * Encodes valid documents to the Confluent wire format and re-keys them for their output topics.
 * A document that cannot be encoded is rejected with its original key and bytes.
 */
final class EncodeProcessor implements Processor<byte[], Outcome, byte[], Outcome> {

    private final OutputEncoder encoder;
    private final PipelineMetrics metrics;
    private ProcessorContext<byte[], Outcome> context;

    EncodeProcessor(OutputEncoder encoder, PipelineMetrics metrics) {
        this.encoder = encoder;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Outcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], Outcome> record) {
        if (!(record.value() instanceof Outcome.Validated validated)) {
            context.forward(record);
            return;
        }
        byte[] key = encoder.key(validated, record.key());
        Outcome.Encoded outcome;
        try {
            outcome = encoder.encode(validated, key, record.headers());
        } catch (OutputTooLargeException e) {
            context.forward(record.withValue(rejected(validated, Stage.PRODUCE, DeadLetterReason.RECORD_TOO_LARGE.code(), e)));
            return;
        } catch (RuntimeException e) {
            context.forward(record.withValue(rejected(validated, Stage.SERIALIZE, DeadLetterReason.SERIALIZATION_FAILED.code(), e)));
            return;
        }
        metrics.recordsOut(outcome.route().topic(), 1);
        Optional<Topic> payloadTopic = Topic.extendedPayloadsOf(validated.family());
        if (payloadTopic.isPresent()) {
            metrics.recordsOut(payloadTopic.get(), outcome.extendedPayloads().size());
        }
        metrics.endToEnd(outcome.route().branchName(), record.timestamp(), context.currentSystemTimeMs());
        SourceCoordinates source = SourceCoordinates.of(context.recordMetadata().orElseThrow(), record.timestamp());
        // One new record rather than withKey, withValue and withHeaders, each of which copies the headers.
        context.forward(new Record<>(key, outcome, record.timestamp(),
                Provenance.of(record.headers(), source, WireFormat.schemaId(outcome.value()))));
    }

    private static Outcome.Rejected rejected(Outcome.Validated validated, Stage stage, String reason, RuntimeException e) {
        return new Outcome.Rejected(Rejection.of(stage, reason, e.getMessage(), validated.family(), e), validated.rawValue());
    }
}
