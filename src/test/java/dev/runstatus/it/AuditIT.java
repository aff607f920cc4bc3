package dev.runstatus.it;

import dev.runstatus.app.Pipeline;
import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.Topics;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** replay and reconcile as an auditor uses them: two replays of one range compared byte for byte, then a tampered ledger. */
class AuditIT {

    private static final int DOCUMENTS = 2_400;
    private static final String RANGE_FROM = "0:5,1:5,2:5";
    private static final String RANGE_TO = "0:150,1:150,2:150";

    @TempDir
    Path directory;

    @Test
    void replaysAreByteIdenticalAndReconcileFindsEveryTamperedRecord() throws Exception {
        Map<String, String> settings = RealCluster.settingsFor("audit.");
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        String bootstrap = RealCluster.runtime().bootstrapServers();
        String properties = "--config=" + Cli.propertiesFile(settings, directory.resolve("audit.properties"));
        List<ProducerRecord<byte[], byte[]>> inputs = new ArrayList<>();
        SyntheticDocuments documents = new SyntheticDocuments(23, 0.05);
        for (int i = 0; i < DOCUMENTS; i++) {
            SyntheticDocument document = documents.next();
            inputs.add(new ProducerRecord<>(config.topics().name(Topic.inputOf(document.family())), document.key(), document.value()));
        }
        Inputs.send(bootstrap, inputs);
        List<String> inputTopics = Family.values().stream().map(family -> config.topics().name(Topic.inputOf(family))).toList();
        int published = TopicReader.readAll(bootstrap, inputTopics, Duration.ofSeconds(60)).size();
        List<String> outcomes = Topic.OUTPUTS.stream().filter(topic -> topic != Topics.RUN_RESULTS_EXTENDED_PAYLOADS)
                .map(topic -> config.topics().name(topic)).toList();
        try (Pipeline pipeline = Pipeline.start(config)) {
            int routed = TopicReader.readUntil(bootstrap, outcomes, read -> read.size() >= published, Duration.ofSeconds(120)).size();
            assertTrue(routed >= published, "input records routed or dead-lettered within 120 s: " + routed + " of " + published);
        }
        assertEquals(Map.of(), outcomesPerInput(bootstrap, outcomes, published),
                "every input record has exactly one outcome (input record: outcomes, where not one)");

        Map<String, OutputRecord> first = replayInto("r1.", properties, bootstrap, config);
        Map<String, OutputRecord> second = replayInto("r2.", properties, bootstrap, config);
        assertFalse(first.isEmpty());
        assertEquals(first.keySet(), second.keySet());
        first.forEach((key, record) -> record.assertSameAs(second.get(key), key));
        Map<String, OutputRecord> original = outputs("", bootstrap, config);
        first.forEach((key, record) -> record.assertSameAs(original.get(key), key));

        Cli reconcileReplay = Cli.run("reconcile", properties, "--family", "run-result", "--prefix", "r1.",
                "--from-offsets", RANGE_FROM, "--to-offsets", RANGE_TO);
        assertEquals(0, reconcileReplay.exitCode(), reconcileReplay.toString());

        Cli dryRun = Cli.run("replay", properties, "--family", "run-result", "--from-offsets", RANGE_FROM,
                "--to-offsets", RANGE_TO, "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.toString());
        Map<String, Long> written = new TreeMap<>();
        first.values().forEach(record -> written.merge(record.topic().substring("r1.".length()), 1L, Long::sum));
        written.forEach((topic, count) -> assertTrue(dryRun.out().matches("(?s).*\\n  " + topic.replace(".", "\\.") + " +" + count + "\\n.*"),
                topic + " " + count + " in " + dryRun.out()));
        Cli again = Cli.run("replay", properties, "--family", "run-result", "--from-offsets", RANGE_FROM, "--to-offsets", RANGE_TO,
                "--dry-run");
        assertEquals(dryRun.out(), again.out(), "a finished replay leaves no group behind, so the same replay counts the same again");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertEquals(List.of(), admin.listGroups().all().get().stream().map(GroupListing::groupId)
                    .filter(group -> group.startsWith("audit.runstatus-replay-")).toList());
        }

        assertEquals(0, Cli.run("reconcile", properties, "--family", "run-result").exitCode());
        List<String> expectedProblems = tamper(bootstrap, config);
        Cli reconcile = Cli.run("reconcile", properties, "--family", "run-result");
        assertEquals(1, reconcile.exitCode(), reconcile.toString());
        List<String> problems = reconcile.out().lines().filter(line -> line.matches("^[A-Z]+ +audit\\..*")).sorted().toList();
        assertEquals(expectedProblems, problems);
    }

    private static Map<String, OutputRecord> replayInto(String prefix, String properties, String bootstrap, RunStatusConfig config)
            throws Exception {
        Cli replay = Cli.run("replay", properties, "--family", "run-result", "--from-offsets", RANGE_FROM,
                "--to-offsets", RANGE_TO, "--into", prefix);
        assertEquals(0, replay.exitCode(), replay.toString());
        assertTrue(replay.out().startsWith("replayed audit.run-results.raw 0:5..150 1:5..150 2:5..150"), replay.out());
        return outputs(prefix, bootstrap, config);
    }

    /** Input records (topic, partition, offset) whose number of outcomes is not one; none named means as many inputs as published. */
    private static Map<String, Long> outcomesPerInput(String bootstrap, List<String> outcomes, int published) {
        Map<String, Long> perInput = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(bootstrap, outcomes, Duration.ofSeconds(60))) {
            perInput.merge(OutputRecord.sourceOf(record), 1L, Long::sum);
        }
        Map<String, Long> notOne = new TreeMap<>(perInput);
        notOne.values().removeIf(count -> count == 1);
        if (perInput.size() != published) {
            notOne.put("inputs with an outcome: " + perInput.size() + " of " + published, 0L);
        }
        return notOne;
    }

    /** Every output record of the replayed range, by where it comes from: topic, source coordinates, payload index. */
    private static Map<String, OutputRecord> outputs(String prefix, String bootstrap, RunStatusConfig config) {
        List<String> topics = Topic.OUTPUTS.stream().map(topic -> prefix + config.topics().name(topic)).toList();
        Map<String, OutputRecord> byOrigin = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(bootstrap, topics, Duration.ofSeconds(60))) {
            OutputRecord output = OutputRecord.of(record);
            if (output.inReplayedRange()) {
                String key = record.topic().substring(prefix.length()) + " " + output.origin();
                assertEquals(null, byOrigin.put(key, output), "one output per origin: " + key);
            }
        }
        return byOrigin;
    }

    /** A duplicate branch record, an input that was never processed, and an output naming an offset without input. */
    private static List<String> tamper(String bootstrap, RunStatusConfig config) throws Exception {
        String completed = config.topics().name(Topics.RUN_RESULTS_COMPLETED);
        String raw = config.topics().name(Topics.RUN_RESULTS_RAW);
        ConsumerRecord<byte[], byte[]> copied = TopicReader.readUntil(bootstrap, List.of(completed), read -> !read.isEmpty(),
                Duration.ofSeconds(10)).get(0);
        OutputRecord copiedOutput = OutputRecord.of(copied);
        Map<String, Object> transactional = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "audit-it-tamper");
        RecordMetadata unprocessed;
        RecordMetadata orphan;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(transactional, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            RecordMetadata copy = producer.send(new ProducerRecord<>(completed, copied.partition(), copied.key(), copied.value(),
                    copied.headers())).get();
            unprocessed = producer.send(new ProducerRecord<>(raw, 0, "late".getBytes(StandardCharsets.UTF_8),
                    "{\"runId\":\"late\",\"status\":\"pending\"}".getBytes(StandardCharsets.UTF_8))).get();
            producer.commitTransaction();
            long markerOffset = unprocessed.offset() + 1;
            producer.beginTransaction();
            RecordHeaders claims = new RecordHeaders();
            claims.add(HeaderKeys.SOURCE_TOPIC, raw.getBytes(StandardCharsets.UTF_8));
            claims.add(HeaderKeys.SOURCE_PARTITION, "0".getBytes(StandardCharsets.UTF_8));
            claims.add(HeaderKeys.SOURCE_OFFSET, String.valueOf(markerOffset).getBytes(StandardCharsets.UTF_8));
            orphan = producer.send(new ProducerRecord<>(config.topics().name(Topics.RUN_RESULTS_ERRORS), 0,
                    "ghost".getBytes(StandardCharsets.UTF_8), new byte[]{0}, claims)).get();
            producer.commitTransaction();
            return List.of(
                    "ORPHANED   " + orphan.topic() + "/0@" + orphan.offset() + ": names input " + raw + "/0@" + markerOffset
                            + ", where there is no input record",
                    "DUPLICATED " + raw + "/" + copiedOutput.sourcePartition() + "@" + copiedOutput.sourceOffset()
                            + ": on 2 branch or dead-letter records: " + completed + "/" + copied.partition() + "@" + copied.offset()
                            + ", " + completed + "/" + copy.partition() + "@" + copy.offset(),
                    "MISSING    " + raw + "/0@" + unprocessed.offset() + ": on no branch topic and not dead-lettered")
                    .stream().sorted().toList();
        }
    }

    private record OutputRecord(String topic, byte[] value, List<String> provenance, int sourcePartition, long sourceOffset,
                                String payloadIndex) {

        static OutputRecord of(ConsumerRecord<byte[], byte[]> record) {
            List<String> provenance = new ArrayList<>();
            for (Header header : record.headers()) {
                if (HeaderKeys.PROVENANCE_HEADERS.contains(header.key())) {
                    provenance.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
                }
            }
            return new OutputRecord(record.topic(), record.value(), provenance,
                    Integer.parseInt(header(record, HeaderKeys.SOURCE_PARTITION)), Long.parseLong(header(record, HeaderKeys.SOURCE_OFFSET)),
                    record.headers().lastHeader(HeaderKeys.EXTENDED_PAYLOAD_INDEX) == null ? "-" : header(record, HeaderKeys.EXTENDED_PAYLOAD_INDEX));
        }

        static String sourceOf(ConsumerRecord<byte[], byte[]> record) {
            return header(record, HeaderKeys.SOURCE_TOPIC) + "-" + header(record, HeaderKeys.SOURCE_PARTITION) + "@"
                    + header(record, HeaderKeys.SOURCE_OFFSET);
        }

        private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
            return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
        }

        boolean inReplayedRange() {
            return provenance.contains(HeaderKeys.SOURCE_TOPIC + "=audit.run-results.raw") && sourceOffset >= 5 && sourceOffset < 150;
        }

        String origin() {
            return sourcePartition + "@" + sourceOffset + "#" + payloadIndex;
        }

        void assertSameAs(OutputRecord other, String key) {
            assertTrue(other != null, "no counterpart for " + key);
            assertArrayEquals(value, other.value(), key);
            assertEquals(provenance, other.provenance(), key);
        }
    }
}
