package dev.runstatus.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.app.Pipeline;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.Topics;
import dev.runstatus.embedded.EmbeddedKafka;
import dev.runstatus.embedded.EmbeddedRegistry;
import dev.runstatus.embedded.FreePorts;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.lifecycle.Lifecycle;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.ops.TopicCreator;
import dev.runstatus.query.RunQueries;
import dev.runstatus.reader.DocumentReader;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.registry.WireFormat;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.DocumentFields;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline rides out a registry outage, a broker restart and a dead-letter topic that refuses
 * records, by itself, losing and doubling nothing, and its health answers say the truth meanwhile. Each
 * outage begins at a moment the test chooses and ends on a condition, never after a fixed time.
 */
class OutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private static List<ProducerRecord<byte[], byte[]>> validDocuments(RunStatusConfig config, long seed, int count) {
        SyntheticDocuments documents = new SyntheticDocuments(seed, 0);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SyntheticDocument document = documents.next();
            Topic topic = Topic.inputOf(document.family());
            records.add(new ProducerRecord<>(config.topics().name(topic), document.key(), document.value()));
        }
        return records;
    }

    private static List<String> branchesAndDeadLetters(RunStatusConfig config) {
        return Topic.OUTPUTS.stream()
                .filter(topic -> topic != Topics.RUN_RESULTS_EXTENDED_PAYLOADS)
                .map(topic -> config.topics().name(topic)).toList();
    }

    /**
     * A registry that stops answering before any document arrives stops no record: the routing resolved its
     * schema ids at start, and the lifecycle every writer schema registered under the branch subjects. Both
     * stay live and ready, the dependency gauge says the registry is away, nothing is dead-lettered, and
     * every run's state is kept.
     */
    @Test
    void aRegistryPausedBeforeAnyDocumentStopsNoRecordOfTheRoutingOrTheLifecycle() throws Exception {
        try (EmbeddedRegistry registry = registry()) {
            RunStatusConfig config = configWith(registry, "outage.");
            String bootstrap = RealCluster.runtime().bootstrapServers();
            try (Pipeline pipeline = Pipeline.start(config)) {
                int port = pipeline.httpPort();
                awaitHealth(port, "/health/ready", 200);
                JarProcess.kill("STOP", registry.pid().orElseThrow());
                try {
                    awaitScrape(port, "runstatus_dependency_up", "lifecycle", 0.0);
                    List<ProducerRecord<byte[], byte[]>> documents = validDocuments(config, 11, 300);
                    Inputs.send(bootstrap, documents);
                    List<ConsumerRecord<byte[], byte[]>> written = TopicReader.readUntil(bootstrap, branchesAndDeadLetters(config),
                            read -> read.size() >= 300, Duration.ofSeconds(60));
                    assertEquals(300, written.size());
                    assertEquals(0, written.stream().filter(record -> record.topic().equals(config.topics().name(Topic.DEAD_LETTER)))
                            .count());
                    QueryAnswers.awaitStates(port, statusByPath(config, documents), Duration.ofSeconds(60));
                    assertEquals(200, Scrape.get(port, "/health/live").statusCode());
                    assertEquals(200, Scrape.get(port, "/health/ready").statusCode());
                } finally {
                    JarProcess.kill("CONT", registry.pid().orElseThrow());
                }
                awaitScrape(port, "runstatus_dependency_up", "lifecycle", 1.0);
            }
        }
    }

    /**
     * A writer schema the lifecycle first meets while the registry is paused (a new version, registered
     * after the lifecycle started) holds the lifecycle, not the routing: the routing keeps committing; the
     * lifecycle stays live, is not ready ("registry-unreachable", with the reason), dead-letters nothing,
     * and once the registry answers it reads every report, none skipped.
     */
    @Test
    void aWriterSchemaFirstSeenWhileTheRegistryIsPausedHoldsTheLifecycleUntilItAnswersAndSkipsNoReport() throws Exception {
        try (EmbeddedRegistry registry = registry()) {
            RunStatusConfig config = configWith(registry, "newschema.");
            String bootstrap = RealCluster.runtime().bootstrapServers();
            String completed = config.topics().name(Topics.RUN_RESULTS_COMPLETED);
            try (Pipeline pipeline = Pipeline.start(config)) {
                int port = pipeline.httpPort();
                awaitHealth(port, "/health/ready", 200);
                SchemaCatalog evolved = SchemaCatalog.load(EvolvedSchemas.write(directory.resolve("evolved")));
                int newId = SchemaRegistries.uncached(config.registrySettings()).register(completed + "-value",
                        evolved.valueSchema(Family.RUN_RESULT));
                List<ProducerRecord<byte[], byte[]>> newWriter = new ArrayList<>();
                Map<String, String> expected = new TreeMap<>();
                DocumentReader reader = DocumentFields.reader(evolved, JsonLimits.defaults());
                for (int i = 0; i < 20; i++) {
                    String run = String.format("evolved-%013d", i);
                    byte[] avro = reader.read(Family.RUN_RESULT, ("{\"runId\":\"" + run + "\",\"status\":\"completed\"}")
                            .getBytes(StandardCharsets.UTF_8)).avro();
                    newWriter.add(new ProducerRecord<>(completed, run.getBytes(StandardCharsets.UTF_8), WireFormat.frame(newId, avro)));
                    expected.put(RunQueries.pathOf(Lifecycle.of(Family.RUN_RESULT), run), "completed");
                }
                List<ProducerRecord<byte[], byte[]>> documents = validDocuments(config, 12, 200);
                expected.putAll(statusByPath(config, documents));

                JarProcess.kill("STOP", registry.pid().orElseThrow());
                try {
                    Inputs.send(bootstrap, newWriter);
                    Inputs.send(bootstrap, documents);
                    String waiting = awaitHealth(port, "/health/ready", 503, "\"reason\":\"registry-unreachable\"");
                    assertTrue(waiting.contains("\"role\":\"lifecycle\""), waiting);
                    assertTrue(waiting.contains("\"detail\":\"the schema registry at " + registry.url()
                            + " does not answer (no answer within 2000 ms); processing waits for it\""), waiting);
                    assertEquals(200, Scrape.get(port, "/health/live").statusCode());
                    List<ConsumerRecord<byte[], byte[]>> written = TopicReader.readUntil(bootstrap, branchesAndDeadLetters(config),
                            read -> read.size() >= 220, Duration.ofSeconds(60));
                    assertEquals(220, written.size(), "the routing wrote every document while the lifecycle waited");
                    assertEquals(0, written.stream().filter(record -> record.topic().equals(config.topics().name(Topic.DEAD_LETTER)))
                            .count());
                    String routing = new ObjectMapper().readTree(Scrape.get(port, "/health/ready").body()).path("roles")
                            .path("routing").path("status").asText();
                    assertEquals("UP", routing, "the routing needs no registry once started");
                } finally {
                    JarProcess.kill("CONT", registry.pid().orElseThrow());
                }
                QueryAnswers.awaitStates(port, expected, Duration.ofSeconds(60));
                awaitHealth(port, "/health/ready", 200);
                assertEquals(0.0, Scrape.of(port).value("runstatus_lifecycle_events_total", "kind", "unreadable"),
                        "no report was unreadable");
            }
        }
    }

    private EmbeddedRegistry registry() throws Exception {
        EmbeddedRegistry registry = new EmbeddedRegistry(EmbeddedRegistry.locateHome(), directory, FreePorts.loopback());
        registry.start();
        return registry;
    }

    /** A pipeline of its own on the shared broker, with this registry, checking it every second, giving up on it after 2 s. */
    private static RunStatusConfig configWith(EmbeddedRegistry registry, String prefix) throws Exception {
        Map<String, String> settings = new HashMap<>(RealCluster.settingsFor(prefix));
        settings.put(ConfigKeys.SCHEMA_REGISTRY_URL, registry.url().toString());
        settings.put(ConfigKeys.REGISTRY_CHECK_INTERVAL_MS, "1000");
        settings.put(ConfigKeys.CONNECT_TIMEOUT_MS, "2000");
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        return config;
    }

    /** The status of each document's run, by its query path: each synthetic document is a run of its own. */
    private static Map<String, String> statusByPath(RunStatusConfig config, List<ProducerRecord<byte[], byte[]>> documents)
            throws IOException {
        Map<String, String> statuses = new TreeMap<>();
        for (ProducerRecord<byte[], byte[]> document : documents) {
            Lifecycle lifecycle = document.topic().equals(config.topics().name(Topics.RUN_RESULTS_RAW))
                    ? Lifecycle.of(Family.RUN_RESULT) : Lifecycle.of(Family.AUTH_SESSION_RESULT);
            statuses.put(RunQueries.pathOf(lifecycle, new String(document.key(), StandardCharsets.UTF_8)),
                    JSON.readTree(document.value()).get("status").asText());
        }
        return statuses;
    }

    /** Waits until the role's series of the metric has the value. */
    private static void awaitScrape(int port, String metric, String role, double expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        double seen = Double.NaN;
        while (Instant.now().isBefore(deadline)) {
            seen = Scrape.of(port).value(metric, "role", role);
            if (seen == expected) {
                return;
            }
            Thread.sleep(200);
        }
        assertEquals(expected, seen, metric + "{role=" + role + "}");
    }

    /** Waits for a health answer; gives its JSON body. */
    private static String awaitHealth(int port, String path, int status) throws Exception {
        return awaitHealth(port, path, status, "");
    }

    /** Waits for a health answer whose body contains {@code text}; gives its JSON body. */
    private static String awaitHealth(int port, String path, int status, String text) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        HttpResponse<String> answer = Scrape.get(port, path);
        while ((answer.statusCode() != status || !answer.body().contains(text)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            answer = Scrape.get(port, path);
        }
        assertEquals(status, answer.statusCode(), path + ": " + answer.body());
        assertTrue(answer.body().contains(text), path + ": " + answer.body());
        return answer.body();
    }

    /** On a broker of its own, so that the restart cannot disturb the other tests' pipelines. */
    @Test
    void thePipelineSurvivesABrokerRestartAndCatchesUp() throws Exception {
        try (EmbeddedKafka broker = new EmbeddedKafka(directory, FreePorts.loopback(), FreePorts.loopback())) {
            broker.start();
            Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("restart."));
            settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            settings.put(ConfigKeys.HEALTH_CHECK_INTERVAL_MS, "1000");
            RunStatusConfig config = RealCluster.config(settings);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                TopicCreator.createMissing(admin, config.topics(), 3, (short) 1);
            }
            Inputs.send(broker.bootstrapServers(), validDocuments(config, 21, 300));

            try (Pipeline pipeline = Pipeline.start(config)) {
                int port = pipeline.httpPort();
                TopicReader.readUntil(broker.bootstrapServers(), branchesAndDeadLetters(config), read -> read.size() >= 300,
                        Duration.ofSeconds(60));
                awaitHealth(port, "/health/ready", 200);
                broker.stop();
                String notReady = awaitHealth(port, "/health/ready", 503);
                assertTrue(notReady.contains("\"reason\":\"broker-unreachable\"") || notReady.contains("\"reason\":\"rebalancing\""),
                        notReady);
                assertEquals(200, Scrape.get(port, "/health/live").statusCode(), "a broker outage heals: the instance stays live");
                broker.start();
                Inputs.send(broker.bootstrapServers(), validDocuments(config, 22, 300));
                // Inputs.send sends again a record whose acknowledgement the restart lost, which the broker may
                // have kept: the raw topics can hold a document twice, and the pipeline must still write each
                // input record exactly once, which reconcile proves from the outputs' provenance.
                int inputs = TopicReader.readUntil(broker.bootstrapServers(), rawTopics(config),
                        read -> read.size() >= 600, Duration.ofSeconds(30)).size();
                List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readUntil(broker.bootstrapServers(),
                        branchesAndDeadLetters(config), read -> read.size() >= inputs, Duration.ofSeconds(180));
                assertEquals(inputs, records.size());
                assertEquals(600, records.stream().map(record -> new String(record.key(), StandardCharsets.UTF_8))
                        .distinct().count());
                assertEquals(inputs, Cli.reconcileEveryFamily(Cli.propertiesFile(settings, directory.resolve("audit.properties"))));
                awaitHealth(port, "/health/ready", 200);
            }
        }
    }

    private static List<String> rawTopics(RunStatusConfig config) {
        return List.of(config.topics().name(Topics.RUN_RESULTS_RAW), config.topics().name(Topics.AUTH_SESSION_RESULTS_RAW));
    }

    /**
     * A dead letter the broker refuses fails the task again and again; with input waiting and nothing
     * committed the instance goes not ready ("stalled") within the stall window, stays live, and once the
     * topic takes the record it is written exactly once and the instance is ready again. (Replacements are
     * allowed without limit here: this is the transient path.)
     */
    @Test
    void aDeadLetterTheBrokerRefusesStallsTheInstanceUntilItCanBeWrittenAndIsNeverDropped() throws Exception {
        Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("dlqfail."));
        settings.put(ConfigKeys.HEALTH_CHECK_INTERVAL_MS, "1000");
        settings.put(ConfigKeys.STALL_TIMEOUT_MS, "5000");
        settings.put(ConfigKeys.THREAD_REPLACEMENTS_MAX, "1000");
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        String bootstrap = RealCluster.runtime().bootstrapServers();
        String deadLetters = config.topics().name(Topic.DEAD_LETTER);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, deadLetters);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            setMaxMessageBytes(admin, topic, "200");
            Inputs.send(bootstrap, List.of(new ProducerRecord<>(config.topics().name(Topics.RUN_RESULTS_RAW),
                    "bad-1".getBytes(StandardCharsets.UTF_8), "{\"runId\":\"r\",\"status\":\"done\"}".getBytes(StandardCharsets.UTF_8))));
            try (Pipeline pipeline = Pipeline.start(config)) {
                int port = pipeline.httpPort();
                Instant deadline = Instant.now().plusSeconds(60);
                String stalled = awaitHealth(port, "/health/ready", 503);
                while (!stalled.contains("\"reason\":\"stalled\"") && Instant.now().isBefore(deadline)) {
                    Thread.sleep(200);
                    stalled = awaitHealth(port, "/health/ready", 503);
                }
                assertTrue(stalled.contains("\"detail\":\"input waiting and nothing committed for 5 s on dlqfail.run-results.raw-"),
                        stalled);
                assertEquals(200, Scrape.get(port, "/health/live").statusCode());
                assertEquals(0, TopicReader.readUntil(bootstrap, List.of(deadLetters), read -> false, Duration.ofMillis(500)).size());
                setMaxMessageBytes(admin, topic, "1048588");
                List<ConsumerRecord<byte[], byte[]>> written = TopicReader.readUntil(bootstrap, List.of(deadLetters),
                        read -> !read.isEmpty(), Duration.ofSeconds(120));
                assertEquals(1, written.size());
                assertEquals("{\"runId\":\"r\",\"status\":\"done\"}", new String(written.get(0).value(), StandardCharsets.UTF_8));
                awaitHealth(port, "/health/ready", 200);
            }
        }
    }

    private static void setMaxMessageBytes(Admin admin, ConfigResource topic, String bytes) throws Exception {
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes), AlterConfigOp.OpType.SET)))).all().get();
    }
}
