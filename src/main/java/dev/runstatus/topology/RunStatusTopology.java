package dev.runstatus.topology;

import dev.runstatus.config.PipelineSettings;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.registry.SchemaRegistry;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.validate.DocumentCheck;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The runstatus topology: raw documents in, validated and encoded, then split by route into one topic
 * per family and status, extended payloads fanned out, and everything else to the dead-letter topic.
 * Pure: building it does no I/O.
 */
public final class RunStatusTopology {

    /** The branch name of rejected records, also the output tag of their latency. */
    public static final String DEAD_LETTER_BRANCH = "dead-letter";

    private RunStatusTopology() {
    }

    public static Topology build(PipelineSettings settings, SchemaCatalog catalog, SchemaRegistry registry,
                                 PipelineMetrics metrics) {
        TopicNames topics = settings.topics();
        DocumentCheck check = new DocumentCheck(catalog, settings.limits());
        OutputEncoder encoder = new OutputEncoder(settings, catalog, registry);
        Serde<byte[]> bytes = Serdes.ByteArray();
        Serde<Outcome> encodedValues = new EncodedValueSerde();

        StreamsBuilder builder = new StreamsBuilder();
        Consumed<byte[], byte[]> raw = Consumed.with(bytes, bytes);
        KStream<byte[], byte[]> runResults = builder.stream(topics.name(Topic.RUN_RESULTS_RAW), raw.withName("read-run-results"));
        KStream<byte[], byte[]> authSessionResults = builder.stream(topics.name(Topic.AUTH_SESSION_RESULTS_RAW),
                raw.withName("read-auth-session-results"));

        KStream<byte[], Outcome> outcomes = runResults
                .merge(authSessionResults, Named.as("merge-inputs"))
                .processValues(() -> new ValidateProcessor(check, topics, metrics), Named.as("parse-and-validate"))
                .process(() -> new EncodeProcessor(encoder, metrics), Named.as("encode-avro"));

        BranchedKStream<byte[], Outcome> branches = outcomes.split(Named.as("route-"));
        branches.branch((key, outcome) -> outcome instanceof Outcome.Rejected,
                Branched.withConsumer(rejected -> rejected
                        .processValues(() -> new DeadLetterProcessor(metrics), Named.as("add-dead-letter-headers"))
                        .to(topics.name(Topic.DEAD_LETTER), Produced.with(bytes, bytes).withName("write-dead-letters")),
                        DEAD_LETTER_BRANCH));
        for (Route route : Route.values()) {
            branches.branch((key, outcome) -> outcome instanceof Outcome.Encoded encoded && encoded.route() == route,
                    Branched.withConsumer(routed -> routed.to(topics.name(route.topic()),
                            Produced.with(bytes, encodedValues).withName("write-" + route.branchName())), route.branchName()));
        }
        branches.noDefaultBranch();

        outcomes.processValues(ExtendedPayloadFanOut::new, Named.as("fan-out-extended-payloads"))
                .to(topics.name(Topic.RUN_RESULTS_EXTENDED_PAYLOADS),
                        Produced.with(bytes, bytes).withName("write-extended-payloads"));
        return builder.build();
    }
}
