package dev.runstatus.preflight;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topics;
import dev.runstatus.registry.InMemorySchemaRegistry;
import dev.runstatus.registry.RegistryException;
import dev.runstatus.registry.SchemaIds;
import dev.runstatus.registry.SubjectNames;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.InputRange;
import dev.runstatus.topology.OutputSchemas;
import dev.runstatus.topology.TopologyOptions;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks before anything is consumed, each failing with the one line an operator needs. */
class PreflightTest {

    private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
    /** An in-memory registry of this test's own. */
    private final String scope = "preflight-test-" + java.util.UUID.randomUUID();

    private RunStatusConfig config(Map<String, String> settings) {
        Map<String, String> values = new LinkedHashMap<>(settings);
        values.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        values.putIfAbsent(ConfigKeys.SCHEMA_REGISTRY_URL, "mock://" + scope);
        return RunStatusConfig.load(Optional.empty(), Map.of(), values);
    }

    @Test
    void theRoutingNeedsAndWatchesItsInputsAndOutputsTheLifecycleItsBranchesAndADryReplayOnlyItsInput() {
        List<String> branches = List.of("run-results.completed", "run-results.errors", "run-results.progress",
                "auth-session-results.completed", "auth-session-results.errors", "auth-session-results.progress");
        List<String> outputs = new ArrayList<>(branches);
        outputs.addAll(List.of("run-results.extended-payloads", "runstatus.dlq"));
        List<String> routing = new ArrayList<>(List.of("run-results.raw", "auth-session-results.raw"));
        routing.addAll(outputs);
        assertEquals(new TreeSet<>(routing), new TreeSet<>(Preflight.routingTopics(config(Map.of()), TopologyOptions.pipeline())));
        List<String> lifecycle = new ArrayList<>(branches);
        lifecycle.addAll(List.of("run-results.status", "auth-session-results.status", "runstatus.lifecycle-events"));
        assertEquals(new TreeSet<>(lifecycle), new TreeSet<>(Preflight.lifecycleTopics(config(Map.of()))));

        InputRange range = new InputRange("run-results.raw", Map.of(0, new InputRange.Offsets(0, 10)));
        assertEquals(List.of("run-results.raw"), Preflight.routingTopics(config(Map.of()),
                TopologyOptions.replay(Topics.RUN_RESULTS_RAW, range, false)));
        List<String> replay = new ArrayList<>(List.of("run-results.raw"));
        replay.addAll(outputs);
        assertEquals(new TreeSet<>(replay), new TreeSet<>(Preflight.routingTopics(config(Map.of()),
                TopologyOptions.replay(Topics.RUN_RESULTS_RAW, range, true))));
    }

    @Test
    void withAutoRegistrationOffEveryUnregisteredSubjectIsNamedWithTheCommandThatRegistersIt() {
        RunStatusConfig config = config(Map.of());
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.register(SubjectNames.valueSubject("run-results.completed"), CATALOG.valueSchema(Family.RUN_RESULT));
        PreflightException failure = assertThrows(PreflightException.class,
                () -> Preflight.of(config).schemaIds(registry, OutputSchemas.bySubject(config.topics(), CATALOG)));
        assertEquals("the schema the pipeline writes is not registered under subjects run-results.errors-value,"
                + " run-results.progress-value, auth-session-results.completed-value, auth-session-results.errors-value,"
                + " auth-session-results.progress-value, run-results.extended-payloads-value, run-results.status-value,"
                + " auth-session-results.status-value, runstatus.lifecycle-events-value and auto.register.schemas is false;"
                + " register it with: runstatus schemas register", failure.getMessage());
    }

    @Test
    void withTheSchemasRegisteredAheadEverySubjectHasItsId() throws PreflightException {
        RunStatusConfig config = config(Map.of());
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Map<String, Integer> registered = new LinkedHashMap<>();
        OutputSchemas.bySubject(config.topics(), CATALOG).forEach((subject, schema) -> registered.put(subject,
                registry.register(subject, schema)));
        SchemaIds ids = Preflight.of(config).schemaIds(registry, OutputSchemas.bySubject(config.topics(), CATALOG));
        assertEquals(registered, ids.bySubject());
    }

    @Test
    void withAutoRegistrationOnAnIncompatibleSubjectIsNamedWithTheCheckCommand() {
        RunStatusConfig config = config(Map.of(ConfigKeys.AUTO_REGISTER_SCHEMAS, "true"));
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.register("run-results.completed-value", SchemaBuilder.record("dev.runstatus.avro.RunResult").fields()
                .requiredLong("runId").endRecord());
        registry.setCompatibility("run-results.completed-value", "FULL_TRANSITIVE");
        PreflightException failure = assertThrows(PreflightException.class,
                () -> Preflight.of(config).schemaIds(registry, OutputSchemas.bySubject(config.topics(), CATALOG)));
        assertEquals("the schema registry at mock://" + scope + " refuses dev.runstatus.avro.RunResult under subject"
                + " run-results.completed-value as incompatible (schema is incompatible with subject run-results.completed-value"
                + " under FULL_TRANSITIVE); see: runstatus schemas check", failure.getMessage());
    }

    @Test
    void aRegistryThatDoesNotAnswerIsNamedWithTheReason() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        PreflightException failure = assertThrows(PreflightException.class, () -> Preflight.of(config(Map.of(
                ConfigKeys.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + closed, ConfigKeys.CONNECT_TIMEOUT_MS, "500"))).registry());
        assertEquals("cannot reach the schema registry at http://127.0.0.1:" + closed + ": connection refused", failure.getMessage());
    }

    @Test
    void aClosedKafkaPortIsRefusedAtOnceNamingTheServer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RunStatusConfig config = config(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port));
        long started = System.nanoTime();
        PreflightException failure = assertThrows(PreflightException.class, () -> Preflight.of(config).kafka());
        assertEquals("cannot reach Kafka at 127.0.0.1:" + port + " (connection refused)", failure.getMessage());
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "a refused connection is known at once");
    }

    @Test
    void aBootstrapListThatIsNotHostAndPortSaysHowItShouldLook() {
        RunStatusConfig config = config(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka"));
        PreflightException failure = assertThrows(PreflightException.class, () -> Preflight.of(config).kafka());
        assertEquals("bootstrap.servers must be HOST:PORT[,HOST:PORT...], not 'kafka'", failure.getMessage());
    }

    @Test
    void registryErrorsReadAsOneLineWithWhatToCheck() {
        assertEquals(List.of(
                "the schema registry at http://r:8081 refused the credentials (HTTP 401: Unauthorized); check"
                        + " schema.registry.basic.auth.user.info",
                "the schema registry at http://r:8081 denied access (HTTP 403: Forbidden)"),
                List.of(new RegistryException("x", 401, 401, "Unauthorized").describe(URI.create("http://r:8081")),
                        new RegistryException("x", 403, 40301, "Forbidden").describe(URI.create("http://r:8081"))));
    }
}
