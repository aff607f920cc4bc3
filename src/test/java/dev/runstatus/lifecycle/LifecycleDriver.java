package dev.runstatus.lifecycle;

import dev.runstatus.app.Pipeline;
import dev.runstatus.app.StreamsSettings;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.Topics;
import dev.runstatus.metrics.LifecycleMetrics;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.query.RunStores;
import dev.runstatus.registry.AvroWireDeserializer;
import dev.runstatus.registry.InMemorySchemaRegistry;
import dev.runstatus.registry.SchemaIds;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.OutputSchemas;
import dev.runstatus.topology.RunStatusTopology;
import dev.runstatus.topology.TopologyOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The production topologies, the routing's and the lifecycle's, each in a TopologyTestDriver of its own,
 * as they run in two Kafka Streams applications: raw documents in, with the timestamps a test chooses,
 * every record the routing writes to a branch topic piped on to the lifecycle, and the status and
 * lifecycle-event topics read back through the registry.
 */
public final class LifecycleDriver implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    static final LifecycleSettings SETTINGS = new LifecycleSettings(Duration.ofMinutes(30), Duration.ofDays(7),
            Duration.ofDays(30), Duration.ofMinutes(1));

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RunStatusConfig config;
    private final TopologyTestDriver routing;
    private final TopologyTestDriver lifecycle;
    private final Map<String, TestOutputTopic<byte[], byte[]>> routedBranches = new LinkedHashMap<>();
    private final List<Map.Entry<String, TestRecord<byte[], byte[]>>> branchLog = new ArrayList<>();
    private final TestOutputTopic<byte[], byte[]> runStatus;
    private final TestOutputTopic<byte[], byte[]> authStatus;
    private final TestOutputTopic<byte[], byte[]> events;
    private final AvroWireDeserializer values = new AvroWireDeserializer(registry);

    public LifecycleDriver(Path stateDirectory) {
        Map<String, String> values = new HashMap<>();
        values.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        values.put(ConfigKeys.SCHEMA_REGISTRY_URL, "mock://unused");
        values.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, "true");
        values.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        // The test driver is handed one record at a time and fetches nothing: a task waiting for its other
        // partitions would wait for wall-clock time that the driver never lets pass.
        values.put(ConfigKeys.LIFECYCLE_STREAMS_PREFIX + StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0");
        config = RunStatusConfig.load(Optional.empty(), Map.of(), values);
        PipelineMetrics metrics = new PipelineMetrics(meters, config.topics());
        SchemaIds routingIds;
        SchemaIds lifecycleIds;
        try {
            routingIds = Preflight.of(config).schemaIds(registry, OutputSchemas.routing(config.topics(), SchemaCatalog.bundled()));
            lifecycleIds = Preflight.of(config).schemaIds(registry, OutputSchemas.lifecycle(config.topics()));
        } catch (PreflightException e) {
            throw new IllegalStateException(e);
        }
        TopologyOptions options = TopologyOptions.pipeline();
        routing = new TopologyTestDriver(RunStatusTopology.build(config.pipelineSettings(), SchemaCatalog.bundled(), routingIds,
                metrics, options), Pipeline.streamsProperties(config, metrics, options), START);
        LifecycleMetrics lifecycleMetrics = new LifecycleMetrics(meters);
        lifecycle = new TopologyTestDriver(LifecycleTopology.build(SETTINGS, config.topics(), lifecycleIds, registry, lifecycleMetrics),
                StreamsSettings.of(config).lifecycle(new LifecycleFaults(config.topics(), lifecycleIds, lifecycleMetrics)), START);
        for (Lifecycle each : Lifecycle.values()) {
            for (Topic branch : Topic.branchesOf(each.family())) {
                routedBranches.put(name(branch), routing.createOutputTopic(name(branch), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()));
            }
        }
        runStatus = output(Topics.RUN_RESULTS_STATUS);
        authStatus = output(Topics.AUTH_SESSION_RESULTS_STATUS);
        events = output(Topic.LIFECYCLE_EVENTS);
    }

    String name(Topic topic) {
        return config.topics().name(topic);
    }

    /** A run result with this status, at {@code START} plus {@code minutes}. */
    public void run(String runId, String status, long minutes) {
        String extra = status.equals("failed") ? ",\"error\":{\"message\":\"boom\",\"category\":\"execution\"}" : "";
        pipe(Topics.RUN_RESULTS_RAW, "poller", "{\"runId\":\"" + runId + "\",\"status\":\"" + status + "\"" + extra + "}", minutes);
    }

    /** An auth-session result keyed by its operation key, at {@code START} plus {@code minutes}. */
    public void authSession(String key, String status, long minutes) {
        String body = switch (status) {
            case "in_progress" -> ",\"runId\":\"Uakgb_J5m9g-0JDMbcJqL\"";
            case "done" -> ",\"authSessionId\":\"as-1\"";
            case "failed" -> ",\"message\":\"no\",\"error\":{\"message\":\"denied\",\"category\":\"auth\"}";
            default -> "";
        };
        pipe(Topics.AUTH_SESSION_RESULTS_RAW, key, "{\"status\":\"" + status + "\"" + body + "}", minutes);
    }

    /** A record into an input topic (through the routing, then the lifecycle) or straight into a branch topic. */
    void pipe(Topic topic, String key, String value, long minutes) {
        TestRecord<byte[], byte[]> record = new TestRecord<>(key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), START.plus(Duration.ofMinutes(minutes)));
        if (Topic.INPUTS.contains(topic)) {
            routing.createInputTopic(name(topic), new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(record);
            routedBranches.forEach((branch, output) -> output.readRecordsToList().forEach(routed -> {
                branchLog.add(Map.entry(branch, routed));
                pipeBranch(branch, routed);
            }));
        } else {
            pipeBranch(name(topic), record);
        }
    }

    void advanceWallClock(Duration duration) {
        routing.advanceWallClockTime(duration);
        lifecycle.advanceWallClockTime(duration);
    }

    /** The run states written to a family's status topic since the last call; a tombstone is null. */
    List<RunState> runStates() {
        return states(runStatus);
    }

    List<RunState> authStates() {
        return states(authStatus);
    }

    List<GenericRecord> events() {
        return events.readValuesToList().stream().map(value -> (GenericRecord) values.deserialize(null, value)).toList();
    }

    /** The records written to the run-results status topic since the last call. */
    List<TestRecord<byte[], byte[]>> runStatusRecords() {
        return runStatus.readRecordsToList();
    }

    byte[] stored(Lifecycle family, String key) {
        return lifecycle.<byte[], byte[]>getKeyValueStore(LifecycleTopology.storeName(family)).get(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The driver's stores, as the query API of one instance without peers reads them, in the state the supplier tells. */
    public RunStores stores(Supplier<KafkaStreams.State> state) {
        return new RunStores() {
            @Override
            public KafkaStreams.State state() {
                return state.get();
            }

            @Override
            public Optional<HostInfo> self() {
                return Optional.empty();
            }

            @Override
            public Optional<Owners> owners(String store, byte[] key) {
                return Optional.empty();
            }

            @Override
            public Optional<LocalValue> get(String store, byte[] key, boolean staleAllowed) {
                return Optional.of(new LocalValue(lifecycle.<byte[], byte[]>getKeyValueStore(store).get(key), false, 0));
            }

            @Override
            public List<List<KeyValueBytes>> firstOfEachPartition(String store, Optional<byte[]> after, int limit, RunFilter filter) {
                List<KeyValueBytes> page = new ArrayList<>();
                try (var runs = lifecycle.<byte[], byte[]>getKeyValueStore(store).range(after.orElse(null), null)) {
                    while (runs.hasNext() && page.size() < limit) {
                        var run = runs.next();
                        if ((after.isEmpty() || !java.util.Arrays.equals(run.key, after.get())) && filter.accepts(run.value)) {
                            page.add(new KeyValueBytes(run.key, run.value));
                        }
                    }
                }
                return List.of(page);
            }

            @Override
            public List<HostInfo> others(String store) {
                return List.of();
            }
        };
    }

    /** Every record the routing has written to the branch topics so far, with its topic, in the order written. */
    List<Map.Entry<String, TestRecord<byte[], byte[]>>> branchRecords() {
        return List.copyOf(branchLog);
    }

    /** A record into a branch topic, as the lifecycle reads it. */
    void pipeBranch(String topic, TestRecord<byte[], byte[]> record) {
        lifecycle.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(record);
    }

    /** Every run in a family's store, by key. */
    Map<String, RunState> storedStates(Lifecycle family) {
        Map<String, RunState> states = new TreeMap<>();
        LifecycleCodec codec = new LifecycleCodec();
        try (var all = lifecycle.<byte[], byte[]>getKeyValueStore(LifecycleTopology.storeName(family)).all()) {
            all.forEachRemaining(entry -> states.put(new String(entry.key, StandardCharsets.UTF_8), codec.decodeState(entry.value)));
        }
        return states;
    }

    /** The state stores of the routing's topology and of the lifecycle's, by name. */
    Set<String> routingStores() {
        return routing.getAllStateStores().keySet();
    }

    Set<String> lifecycleStores() {
        return lifecycle.getAllStateStores().keySet();
    }

    private List<RunState> states(TestOutputTopic<byte[], byte[]> topic) {
        return topic.readValuesToList().stream()
                .map(value -> value == null ? null : LifecycleCodec.state((GenericRecord) values.deserialize(null, value)))
                .toList();
    }

    private TestOutputTopic<byte[], byte[]> output(Topic topic) {
        return lifecycle.createOutputTopic(name(topic), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        routing.close();
        lifecycle.close();
    }
}
