package dev.runstatus.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Lets through only the input records inside a replay's range; the rest are read and skipped. */
final class RangeFilter implements FixedKeyProcessor<byte[], byte[], byte[]> {

    private final InputRange range;
    private FixedKeyProcessorContext<byte[], byte[]> context;

    RangeFilter(InputRange range) {
        this.range = range;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        if (range.contains(metadata.topic(), metadata.partition(), metadata.offset())) {
            context.forward(record);
        }
    }
}
