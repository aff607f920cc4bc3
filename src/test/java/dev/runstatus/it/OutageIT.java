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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pipeline rides out a registry outage, a broker restart and a dead-letter topic that refuses
 * records, by itself, losing and doubling nothing.
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

    @Test
    void goodRecordsWaitOutARegistryOutageAndAreNotDeadLettered() throws Exception {
        EmbeddedRegistry registry = new EmbeddedRegistry(EmbeddedRegistry.locateHome(), directory, EmbeddedRuntime.Ports.freeLoopbackPort());
        Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("outage."));
        settings.put(ConfigKeys.SCHEMA_REGISTRY_URL, registry.url().toString());
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        String bootstrap = RealCluster.runtime().bootstrapServers();
        String deadLetters = config.topics().name(Topic.DEAD_LETTER);
        Inputs.send(bootstrap, validDocuments(config, 11, 200));

        try (Pipeline pipeline = Pipeline.start(config)) {
            List<ConsumerRecord<byte[], byte[]>> duringOutage = TopicReader.readUntil(bootstrap, branchesAndDeadLetters(config),
                    read -> false, Duration.ofSeconds(10));
            assertEquals(0, duringOutage.size());
            registry.start();
            try {
                List<ConsumerRecord<byte[], byte[]>> after = TopicReader.readUntil(bootstrap, branchesAndDeadLetters(config),
                        read -> read.size() >= 200, Duration.ofSeconds(120));
                assertEquals(200, after.size());
                assertEquals(0, after.stream().filter(record -> record.topic().equals(deadLetters)).count());
            } finally {
                registry.stop();
            }
        }
    }

    /** On a broker of its own, so that the restart cannot disturb the other tests' pipelines. */
    @Test
    void thePipelineSurvivesABrokerRestartAndCatchesUp() throws Exception {
        try (EmbeddedKafka broker = new EmbeddedKafka(directory, EmbeddedRuntime.Ports.freeLoopbackPort(), EmbeddedRuntime.Ports.freeLoopbackPort())) {
            broker.start();
            Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("restart."));
            settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            RunStatusConfig config = RealCluster.config(settings);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                TopicCreator.createMissing(admin, config.topics(), 3, (short) 1);
            }
            Inputs.send(broker.bootstrapServers(), validDocuments(config, 21, 300));

            try (Pipeline pipeline = Pipeline.start(config)) {
                TopicReader.readUntil(broker.bootstrapServers(), branchesAndDeadLetters(config), read -> read.size() >= 300,
                        Duration.ofSeconds(60));
                broker.stop();
                Thread.sleep(5_000);
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
            }
        }
    }

    private static List<String> rawTopics(RunStatusConfig config) {
        return List.of(config.topics().name(Topic.RUN_RESULTS_RAW), config.topics().name(Topic.AUTH_SESSION_RESULTS_RAW));
    }

    @Test
    void aDeadLetterTheBrokerRefusesFailsTheTaskUntilItCanBeWrittenAndIsNeverDropped() throws Exception {
        RunStatusConfig config = RealCluster.config(RealCluster.settingsFor("dlqfail."));
        RealCluster.createTopics(config);
        String bootstrap = RealCluster.runtime().bootstrapServers();
        String deadLetters = config.topics().name(Topic.DEAD_LETTER);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, deadLetters);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            setMaxMessageBytes(admin, topic, "200");
            Inputs.send(bootstrap, List.of(new ProducerRecord<>(config.topics().name(Topic.RUN_RESULTS_RAW),
                    "bad-1".getBytes(StandardCharsets.UTF_8), "{\"runId\":\"r\",\"status\":\"done\"}".getBytes(StandardCharsets.UTF_8))));
            try (Pipeline pipeline = Pipeline.start(config)) {
                assertEquals(0, TopicReader.readUntil(bootstrap, List.of(deadLetters), read -> false, Duration.ofSeconds(10)).size());
                setMaxMessageBytes(admin, topic, "1048588");
                List<ConsumerRecord<byte[], byte[]>> written = TopicReader.readUntil(bootstrap, List.of(deadLetters),
                        read -> !read.isEmpty(), Duration.ofSeconds(120));
                assertEquals(1, written.size());
                assertEquals("{\"runId\":\"r\",\"status\":\"done\"}", new String(written.get(0).value(), StandardCharsets.UTF_8));
            }
        }
    }

    private static void setMaxMessageBytes(Admin admin, ConfigResource topic, String bytes) throws Exception {
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes), AlterConfigOp.OpType.SET)))).all().get();
    }
}
