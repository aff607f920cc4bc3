package dev.runstatus.it;

import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.Topics;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.validate.CheckResult;
import dev.runstatus.validate.DocumentCheck;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills the pipeline with SIGKILL in the middle of a large batch, starts it again, and proves with
 * read_committed consumers that every input record is on exactly one branch topic or the dead-letter
 * topic, with exactly as many extended-payload records as it had: nothing lost, nothing doubled.
 */
class CrashRecoveryIT {

    private static final int DOCUMENTS = 60_000;
    private static final DocumentCheck CHECK = new DocumentCheck(SchemaCatalog.bundled(), JsonLimits.defaults());

    @TempDir
    Path directory;

    @Test
    void everyInputIsAccountedForExactlyOnceAfterACrash() throws Exception {
        Map<String, String> settings = RealCluster.settingsFor("crash.");
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        String bootstrap = RealCluster.runtime().bootstrapServers();

        Map<String, Integer> expectedPayloads = new HashMap<>();
        List<ProducerRecord<byte[], byte[]>> inputs = new ArrayList<>();
        SyntheticDocuments documents = new SyntheticDocuments(7, 0.02);
        for (int i = 0; i < DOCUMENTS; i++) {
            SyntheticDocument document = documents.next();
            String key = new String(document.key(), StandardCharsets.UTF_8);
            Topic topic = Topic.inputOf(document.family());
            inputs.add(new ProducerRecord<>(config.topics().name(topic), document.key(), document.value()));
            assertEquals(null, expectedPayloads.put(key, payloadCount(document)), "synthetic keys are unique");
        }
        Inputs.send(bootstrap, inputs);
        int expectedPayloadRecords = expectedPayloads.values().stream().mapToInt(Integer::intValue).sum();

        List<String> branches = Topic.OUTPUTS.stream()
                .filter(topic -> topic != Topics.RUN_RESULTS_EXTENDED_PAYLOADS)
                .map(topic -> config.topics().name(topic)).toList();
        String payloadTopic = config.topics().name(Topics.RUN_RESULTS_EXTENDED_PAYLOADS);

        ChildPipeline first = ChildPipeline.start(settings, directory);
        List<ConsumerRecord<byte[], byte[]>> beforeCrash = TopicReader.readUntil(bootstrap, branches,
                read -> read.size() >= 3_000, Duration.ofSeconds(120));
        first.crash();
        assertTrue(beforeCrash.size() >= 3_000 && beforeCrash.size() < DOCUMENTS,
                "the crash should come in the middle, after " + beforeCrash.size() + " records");

        List<String> everything = new ArrayList<>(branches);
        everything.add(payloadTopic);
        List<ConsumerRecord<byte[], byte[]>> records;
        try (ChildPipeline second = ChildPipeline.start(settings, directory)) {
            records = TopicReader.readUntil(bootstrap, everything,
                    read -> read.size() >= DOCUMENTS + expectedPayloadRecords, Duration.ofSeconds(240));
        }

        Map<String, Integer> branchRecordsPerKey = new HashMap<>();
        Map<String, Integer> payloadRecordsPerKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            (record.topic().equals(payloadTopic) ? payloadRecordsPerKey : branchRecordsPerKey).merge(key, 1, Integer::sum);
        }
        List<String> problems = new ArrayList<>();
        expectedPayloads.forEach((key, payloads) -> {
            int onBranches = branchRecordsPerKey.getOrDefault(key, 0);
            int onPayloads = payloadRecordsPerKey.getOrDefault(key, 0);
            if (onBranches != 1 || onPayloads != payloads) {
                problems.add(key + ": " + onBranches + " branch records, " + onPayloads + " of " + payloads + " payload records");
            }
        });
        branchRecordsPerKey.keySet().stream().filter(key -> !expectedPayloads.containsKey(key))
                .forEach(key -> problems.add(key + ": output without input"));
        assertEquals(List.of(), problems.subList(0, Math.min(problems.size(), 20)), problems.size() + " problems");
        assertEquals(DOCUMENTS + expectedPayloadRecords, records.size());

        Path properties = Cli.propertiesFile(settings, directory.resolve("audit.properties"));
        assertEquals(DOCUMENTS, Cli.reconcileEveryFamily(properties), "reconcile read every input record of both families");
    }

    private static int payloadCount(SyntheticDocument document) {
        CheckResult result = CHECK.check(document.family(), document.value());
        if (!result.valid() || document.family() != Family.RUN_RESULT) {
            return 0;
        }
        List<?> payloads = (List<?>) ((GenericRecord) result.datum()).get("extendedPayloads");
        return payloads == null ? 0 : payloads.size();
    }

}
