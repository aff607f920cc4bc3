package dev.runstatus.topology;

import dev.runstatus.metrics.PipelineMetrics;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Restores a rejected record's original value and adds the headers that say why and from where. */
final class DeadLetterProcessor implements FixedKeyProcessor<byte[], Outcome, byte[]> {

    private final PipelineMetrics metrics;
    private FixedKeyProcessorContext<byte[], byte[]> context;

    DeadLetterProcessor(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], Outcome> record) {
        Outcome.Rejected rejected = (Outcome.Rejected) record.value();
        SourceCoordinates source = SourceCoordinates.of(context.recordMetadata().orElseThrow(), record.timestamp());
        metrics.deadLettered(rejected.rejection().stage().id(), rejected.rejection().reason());
        metrics.endToEnd(RunStatusTopology.DEAD_LETTER_BRANCH, record.timestamp(), context.currentSystemTimeMs());
        context.forward(record
                .withHeaders(DeadLetterHeaders.build(record.headers(), rejected.rejection(), source))
                .withValue(rejected.rawValue()));
    }
}
