package dev.runstatus.it;

import dev.runstatus.app.Pipeline;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.embedded.EmbeddedRegistry;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pipeline rides out a registry outage and a broker restart by itself, losing and doubling nothing. */
class OutageIT {

    @TempDir
    Path directory;

    private static List<ProducerRecord<byte[], byte[]>> validDocuments(RunStatusConfig config, long seed, int count) {
        SyntheticDocuments documents = new SyntheticDocuments(seed, 0);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SyntheticDocument document = documents.next();
            Topic topic = document.family() == Family.RUN_RESULT ? Topic.RUN_RESULTS_RAW : Topic.AUTH_SESSION_RESULTS_RAW;
            records.add(new ProducerRecord<>(config.topics().name(topic), document.key(), document.value()));
        }
        return records;
    }

    private static List<String> branchesAndDeadLetters(RunStatusConfig config) {
        return Arrays.stream(Topic.values())
                .filter(topic -> topic != Topic.RUN_RESULTS_RAW && topic != Topic.AUTH_SESSION_RESULTS_RAW
                        && topic != Topic.RUN_RESULTS_EXTENDED_PAYLOADS)
                .map(topic -> config.topics().name(topic)).toList();
    }

    @Test
    void goodRecordsWaitOutARegistryOutageAndAreNotDeadLettered() throws Exception {
        EmbeddedRegistry registry = new EmbeddedRegistry(EmbeddedRegistry.locateHome(), directory, RealCluster.freePort());
        Map<String, String> settings = new java.util.HashMap<>(RealCluster.settingsFor("outage."));
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

    @Test
    void thePipelineSurvivesABrokerRestartAndCatchesUp() throws Exception {
        RunStatusConfig config = RealCluster.config(RealCluster.settingsFor("restart."));
        RealCluster.createTopics(config);
        String bootstrap = RealCluster.runtime().bootstrapServers();
        Inputs.send(bootstrap, validDocuments(config, 21, 300));

        try (Pipeline pipeline = Pipeline.start(config)) {
            TopicReader.readUntil(bootstrap, branchesAndDeadLetters(config), read -> read.size() >= 300, Duration.ofSeconds(60));
            RealCluster.runtime().kafka().stop();
            Thread.sleep(5_000);
            RealCluster.runtime().kafka().start();
            Inputs.send(bootstrap, validDocuments(config, 22, 300));
            List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readUntil(bootstrap, branchesAndDeadLetters(config),
                    read -> read.size() >= 600, Duration.ofSeconds(180));
            assertEquals(600, records.size());
            assertEquals(600, records.stream().map(record -> new String(record.key(), java.nio.charset.StandardCharsets.UTF_8))
                    .distinct().count());
        }
    }
}
