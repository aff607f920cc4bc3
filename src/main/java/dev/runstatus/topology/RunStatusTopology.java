package dev.runstatus.topology;

import dev.runstatus.config.PipelineSettings;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.reader.DocumentReader;
import dev.runstatus.registry.SchemaIds;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.util.Optional;


/**
 * The routing's topology: raw documents in, validated and encoded, then split by route into one topic
 * per family and status, extended payloads fanned out where the family has them, and everything else to the
 * dead-letter topic.
 * Pure: building it does no I/O.
 */
public final class RunStatusTopology {

    /** The branch name of rejected records, also the output tag of their latency. */
    public static final String DEAD_LETTER_BRANCH = "dead-letter";

    private RunStatusTopology() {
    }

    /** {@code ids} are the output subjects' schema ids, resolved before: no record waits on the registry. */
    public static Topology build(PipelineSettings settings, SchemaCatalog catalog, SchemaIds ids, PipelineMetrics metrics,
                                 TopologyOptions options) {
        TopicNames topics = settings.topics();
        DocumentReader reader = DocumentFields.reader(catalog, settings.limits());
        OutputEncoder encoder = new OutputEncoder(settings, catalog, ids);
        Serde<byte[]> bytes = Serdes.ByteArray();
        Serde<Outcome> encodedValues = new EncodedValueSerde();

        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], byte[]> inputs = inputs(builder, topics, options);
        if (options.range().isPresent()) {
            InputRange range = options.range().get();
            inputs = inputs.processValues(() -> new RangeFilter(range), Named.as("select-range"));
        }
        KStream<byte[], Outcome> outcomes = inputs
                .processValues(() -> new ValidateProcessor(reader, topics, metrics), Named.as("parse-and-validate"))
                .process(() -> new EncodeProcessor(encoder, metrics), Named.as("encode-avro"));

        Outputs out = new Outputs(topics, options.writeOutputs());
        BranchedKStream<byte[], Outcome> branches = outcomes.split(Named.as("route-"));
        branches.branch((key, outcome) -> outcome instanceof Outcome.Rejected,
                Branched.withConsumer(rejected -> out.write(rejected
                        .processValues(() -> new DeadLetterProcessor(metrics), Named.as("add-dead-letter-headers")),
                        Topic.DEAD_LETTER, "dead-letters", bytes), DEAD_LETTER_BRANCH));
        for (Route route : Route.values()) {
            branches.branch((key, outcome) -> outcome instanceof Outcome.Encoded encoded && encoded.route() == route,
                    Branched.withConsumer(routed -> out.write(routed, route.topic(), route.branchName(), encodedValues),
                            route.branchName()));
        }
        branches.noDefaultBranch();

        for (Family family : Family.values()) {
            Optional<Topic> payloads = Topic.extendedPayloadsOf(family);
            if (payloads.isPresent()) {
                String name = family.branches() + "-extended-payloads";
                out.write(outcomes.processValues(() -> new ExtendedPayloadFanOut(family), Named.as("fan-out-" + name)),
                        payloads.get(), name, bytes);
            }
        }
        return builder.build();
    }

    private static KStream<byte[], byte[]> inputs(StreamsBuilder builder, TopicNames topics, TopologyOptions options) {
        Consumed<byte[], byte[]> raw = Consumed.with(Serdes.ByteArray(), Serdes.ByteArray());
        KStream<byte[], byte[]> merged = null;
        for (Topic input : options.inputs()) {
            String family = input.family().orElseThrow().topics();
            KStream<byte[], byte[]> stream = builder.stream(topics.name(input), raw.withName("read-" + family));
            merged = merged == null ? stream : merged.merge(stream, Named.as("merge-" + family));
        }
        return merged;
    }

    /** Ends each branch in its topic, or, in a dry run, in a processor that writes nothing. */
    private record Outputs(TopicNames topics, boolean write) {

        <V> void write(KStream<byte[], V> stream, Topic topic, String name, Serde<V> valueSerde) {
            if (write) {
                stream.to(topics.name(topic), Produced.with(Serdes.ByteArray(), valueSerde).withName("write-" + name));
            } else {
                stream.foreach((key, value) -> { }, Named.as("discard-" + name));
            }
        }
    }
}
