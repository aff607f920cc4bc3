package dev.runstatus.topology;

import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.reader.DocumentReader;
import dev.runstatus.reader.Reading;
import dev.runstatus.schema.Family;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Parses and validates each raw record against its family's schema and picks its route by status. */
final class ValidateProcessor implements FixedKeyProcessor<byte[], byte[], Outcome> {

    private final DocumentReader reader;
    private final Map<String, Family> familiesByInput = new HashMap<>();
    private final PipelineMetrics metrics;
    private FixedKeyProcessorContext<byte[], Outcome> context;

    ValidateProcessor(DocumentReader reader, TopicNames topics, PipelineMetrics metrics) {
        this.reader = reader;
        Family.values().forEach(family -> familiesByInput.put(topics.name(Topic.inputOf(family)), family));
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Outcome> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        context.forward(record.withValue(outcome(record)));
    }

    private Outcome outcome(FixedKeyRecord<byte[], byte[]> record) {
        byte[] raw = record.value();
        Header familyHeader = record.headers().lastHeader(HeaderKeys.FAMILY);
        Optional<Family> family = familyHeader != null
                ? Family.byId(familyHeader.value() == null ? "" : new String(familyHeader.value(), StandardCharsets.UTF_8))
                : familyOfTopic(context.recordMetadata().map(RecordMetadata::topic).orElse(""));
        metrics.recordIn(family.orElse(null));
        if (family.isEmpty()) {
            return new Outcome.Rejected(Rejection.of(Stage.ROUTE, DeadLetterReason.UNKNOWN_FAMILY.code(),
                    "no document family for this record: header " + HeaderKeys.FAMILY + " must be one of "
                            + Family.values().stream().map(Family::id).toList()
                            + " or the record must come from a raw input topic", null, null), raw);
        }
        Reading reading = reader.read(family.get(), raw);
        metrics.unknownKeys(family.get(), reading.unknownKeys());
        if (!reading.valid()) {
            if (reading.readable()) {
                metrics.violations(family.get(), reading.violations());
            }
            return new Outcome.Rejected(rejection(family.get(), reading), raw);
        }
        String status = reading.value(DocumentFields.STATUS);
        return Route.of(family.get(), status)
                .<Outcome>map(route -> new Outcome.Validated(family.get(), route, reading, raw))
                .orElseGet(() -> new Outcome.Rejected(Rejection.of(Stage.ROUTE, DeadLetterReason.NO_ROUTE.code(),
                        "no output topic for status " + status, family.get(), null), raw));
    }

    private Optional<Family> familyOfTopic(String topic) {
        return Optional.ofNullable(familiesByInput.get(topic));
    }

    private static Rejection rejection(Family family, Reading result) {
        if (!result.readable()) {
            return new Rejection(Stage.PARSE, result.unreadable().code(), result.violations().get(0).reason(),
                    result.violations(), family, null);
        }
        String summary = result.violations().size() + " schema violation(s): " + result.violations().get(0).describe()
                + (result.violations().size() > 1 ? "; ..." : "");
        return new Rejection(Stage.VALIDATE, DeadLetterReason.SCHEMA_VIOLATION.code(), summary, result.violations(), family, null);
    }
}
