package dev.runstatus.topology;

import dev.runstatus.app.Pipeline;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.registry.InMemorySchemaRegistry;
import dev.runstatus.registry.SchemaIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.runstatus.schema.SchemaCatalog;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The production topology and configuration in a TopologyTestDriver, with an in-memory registry. */
final class PipelineHarness implements AutoCloseable {

    static final Instant TIMESTAMP = Instant.parse("2026-11-20T09:14:03.512Z");
    /** The driver's wall clock is this far after every input record's timestamp. */
    static final Duration WALL_CLOCK_LAG = Duration.ofMillis(250);

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final RunStatusConfig config;
    final PipelineMetrics metrics;
    final SchemaIds ids;
    private final TopologyTestDriver driver;

    PipelineHarness(Map<String, String> overrides) {
        this(overrides, TopologyOptions.pipeline());
    }

    PipelineHarness(Map<String, String> overrides, TopologyOptions options) {
        Map<String, String> values = new HashMap<>(overrides);
        values.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        values.put(ConfigKeys.SCHEMA_REGISTRY_URL, "mock://unused");
        values.putIfAbsent(ConfigKeys.AUTO_REGISTER_SCHEMAS, "true");
        config = RunStatusConfig.load(Optional.empty(), Map.of(), values);
        metrics = new PipelineMetrics(new SimpleMeterRegistry(), config.topics());
        ids = schemaIds(config, registry);
        driver = new TopologyTestDriver(
                RunStatusTopology.build(config.pipelineSettings(), SchemaCatalog.bundled(), ids, metrics, options),
                Pipeline.streamsProperties(config, metrics, options), TIMESTAMP.plus(WALL_CLOCK_LAG));
    }

    /** The output subjects' ids as the pipeline's preflight resolves them, from the in-memory registry. */
    static SchemaIds schemaIds(RunStatusConfig config, InMemorySchemaRegistry registry) {
        try {
            return Preflight.of(config).schemaIds(registry, OutputSchemas.routing(config.topics(), SchemaCatalog.bundled()));
        } catch (PreflightException e) {
            throw new IllegalStateException(e);
        }
    }

    PipelineHarness() {
        this(Map.of());
    }

    String name(Topic topic) {
        return config.topics().name(topic);
    }

    void pipe(Topic topic, byte[] key, byte[] value, Headers headers) {
        TestInputTopic<byte[], byte[]> input = driver.createInputTopic(name(topic), new ByteArraySerializer(), new ByteArraySerializer());
        input.pipeInput(new TestRecord<>(key, value, headers, TIMESTAMP));
    }

    void pipe(Topic topic, byte[] key, byte[] value) {
        pipe(topic, key, value, new org.apache.kafka.common.header.internals.RecordHeaders());
    }

    List<TestRecord<byte[], byte[]>> read(Topic topic) {
        return driver.createOutputTopic(name(topic), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    /** Every output topic and how many records it holds, to prove a record went to one place only. */
    Map<Topic, Integer> counts() {
        Map<Topic, Integer> counts = new HashMap<>();
        for (Topic topic : Topic.OUTPUTS) {
            int size = read(topic).size();
            if (size > 0) {
                counts.put(topic, size);
            }
        }
        return counts;
    }

    @Override
    public void close() {
        driver.close();
    }
}
