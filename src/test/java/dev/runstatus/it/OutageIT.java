package dev.runstatus.it;

import dev.runstatus.app.Pipeline;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.embedded.EmbeddedKafka;
import dev.runstatus.embedded.EmbeddedRegistry;
import dev.runstatus.embedded.EmbeddedRuntime;
import dev.runstatus.ops.TopicCreator;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
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

import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline rides out a registry outage, a broker restart and a dead-letter topic that refuses
 * records, by itself, losing and doubling nothing, and its health answers say the truth meanwhile.
 */
class OutageIT {

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
                .filter(topic -> topic != Topic.RUN_RESULTS_EXTENDED_PAYLOADS)
                .map(topic -> config.topics().name(topic)).toList();
    }

    /**
     * The schema ids are resolved before Kafka Streams starts, so a registry that stops answering for 30 s
     * mid-stream does not stop a single record: the instance stays live and ready, says on its dependency
     * gauge that the registry is away, and nothing is dead-lettered or doubled.
     */
    @Test
    void aRegistryThatStopsAnsweringMidStreamStopsNoRecord() throws Exception {
        try (EmbeddedRegistry registry = new EmbeddedRegistry(EmbeddedRegistry.locateHome(), directory,
                EmbeddedRuntime.Ports.freeLoopbackPort())) {
            registry.start();
            Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("outage."));
            settings.put(ConfigKeys.SCHEMA_REGISTRY_URL, registry.url().toString());
            settings.put(ConfigKeys.REGISTRY_CHECK_INTERVAL_MS, "1000");
            settings.put(ConfigKeys.CONNECT_TIMEOUT_MS, "2000");
            RunStatusConfig config = RealCluster.config(settings);
            RealCluster.createTopics(config);
            String bootstrap = RealCluster.runtime().bootstrapServers();
            String deadLetters = config.topics().name(Topic.DEAD_LETTER);
            Inputs.send(bootstrap, validDocuments(config, 11, 200));

            try (Pipeline pipeline = Pipeline.start(config)) {
                int port = pipeline.httpPort();
                TopicReader.readUntil(bootstrap, branchesAndDeadLetters(config), read -> read.size() >= 200, Duration.ofSeconds(60));
                long paused = System.nanoTime();
                JarProcess.kill("STOP", registry.pid().orElseThrow());
                try {
                    awaitScrape(port, "runstatus_dependency_up", "dependency", "schema-registry", 0.0);
                    Inputs.send(bootstrap, validDocuments(config, 12, 200));
                    TopicReader.readUntil(bootstrap, branchesAndDeadLetters(config), read -> read.size() >= 400, Duration.ofSeconds(60));
                    assertEquals(200, Scrape.get(port, "/health/live").statusCode());
                    assertEquals(200, Scrape.get(port, "/health/ready").statusCode());
                    while (System.nanoTime() - paused < Duration.ofSeconds(30).toNanos()) {
                        Thread.sleep(500);
                    }
                } finally {
                    JarProcess.kill("CONT", registry.pid().orElseThrow());
                }
                awaitScrape(port, "runstatus_dependency_up", "dependency", "schema-registry", 1.0);
                List<ConsumerRecord<byte[], byte[]>> written = TopicReader.readUntil(bootstrap, branchesAndDeadLetters(config),
                        read -> read.size() >= 400, Duration.ofSeconds(10));
                assertEquals(400, written.size());
                assertEquals(400, written.stream().map(record -> new String(record.key(), StandardCharsets.UTF_8)).distinct().count());
                assertEquals(0, written.stream().filter(record -> record.topic().equals(deadLetters)).count());
                assertEquals(200, Scrape.get(port, "/health/ready").statusCode());
            }
        }
    }

    private static void awaitScrape(int port, String metric, String label, String value, double expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        double seen = Double.NaN;
        while (Instant.now().isBefore(deadline)) {
            seen = Scrape.of(port).value(metric, label, value);
            if (seen == expected) {
                return;
            }
            Thread.sleep(200);
        }
        assertEquals(expected, seen, metric + "{" + label + "=" + value + "}");
    }

    /** Waits for a health answer; gives its JSON body. */
    private static String awaitHealth(int port, String path, int status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        HttpResponse<String> answer = Scrape.get(port, path);
        while (answer.statusCode() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            answer = Scrape.get(port, path);
        }
        assertEquals(status, answer.statusCode(), path + ": " + answer.body());
        return answer.body();
    }

    /** On a broker of its own, so that the restart cannot disturb the other tests' pipelines. */
    @Test
    void thePipelineSurvivesABrokerRestartAndCatchesUp() throws Exception {
        try (EmbeddedKafka broker = new EmbeddedKafka(directory, EmbeddedRuntime.Ports.freeLoopbackPort(), EmbeddedRuntime.Ports.freeLoopbackPort())) {
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
        return List.of(config.topics().name(Topic.RUN_RESULTS_RAW), config.topics().name(Topic.AUTH_SESSION_RESULTS_RAW));
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
            Inputs.send(bootstrap, List.of(new ProducerRecord<>(config.topics().name(Topic.RUN_RESULTS_RAW),
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
