package dev.runstatus.it;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.Role;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.Topics;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle builds its state from the branch topics, as on its first start after the routing has run
 * alone (the move from 0.2); then the documented rebuild, as an operator runs it: stop, {@code runstatus reset
 * --role lifecycle} (refused while it runs; Kafka's reset tool on the six branch topics), the state directory deleted, start again
 * (both roles). The status topic's latest record of every run is the one the first lifecycle wrote, byte
 * for byte; the routing resumes where it was and writes nothing again. The lifecycle reads branch
 * topics that are complete when it starts: it then reads each task's three topics in event-time order,
 * where a lifecycle reading them as they are written may meet a run's reports in another order.
 */
class RebuildIT {

    private static final int RUNS = 30;
    private static final Instant START = Instant.parse("2026-11-21T09:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(120);

    @TempDir
    Path directory;

    @Test
    void theLifecycleRebuiltAfterResetEqualsTheLiveStateAndTheRoutingDoesNotRunAgain() throws Exception {
        Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("rebuild."));
        settings.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve("state").toString());
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        sendRuns(config);
        List<String> branches = Family.values().stream().flatMap(family -> Topic.branchesOf(family).stream())
                .map(config.topics()::name).toList();
        List<String> status = List.of(config.topics().name(Topics.RUN_RESULTS_STATUS));
        String applicationId = settings.get(StreamsConfig.APPLICATION_ID_CONFIG);
        String lifecycleId = config.lifecycleApplicationId();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealCluster.runtime().bootstrapServers()))) {
            try (ChildPipeline routing = ChildPipeline.start(role(settings, Role.ROUTING), Files.createDirectories(directory.resolve("routing")))) {
                awaitCommittedToTheEnd(admin, applicationId, List.of(config.topics().name(Topics.RUN_RESULTS_RAW)), routing);
            }
            Map<TopicPartition, Long> routed = committed(admin, applicationId, endOffsets(admin,
                    List.of(config.topics().name(Topics.RUN_RESULTS_RAW))));
            Path properties = Cli.propertiesFile(settings, directory.resolve("rebuild.properties"));
            try (ChildPipeline live = ChildPipeline.start(role(settings, Role.LIFECYCLE), Files.createDirectories(directory.resolve("live")))) {
                awaitCommittedToTheEnd(admin, lifecycleId, branches, live);
                Cli refused = Cli.run("reset", "--role", "lifecycle", "--config", properties.toString());
                assertEquals(2, refused.exitCode(), refused.err());
                assertTrue(refused.err().startsWith("error: the lifecycle's group " + lifecycleId + " has 1 member (")
                        && refused.err().strip().endsWith("); stop every instance that runs the lifecycle first"), refused.err());
            }
            Map<TopicPartition, Long> branchEnds = endOffsets(admin, branches);
            Map<TopicPartition, Long> statusEnds = endOffsets(admin, status);
            Map<String, String> liveStates = latestByKey(read(status, statusEnds), Map.of());
            assertEquals(RUNS, liveStates.size(), "every run has a state on the status topic");

            Map<TopicPartition, Long> lifecycleCommitted = committed(admin, lifecycleId, branchEnds);
            Cli dryRun = Cli.run("reset", "--role", "lifecycle", "--dry-run", "--config", properties.toString());
            assertEquals(0, dryRun.exitCode(), dryRun.err());
            assertEquals("would reset " + lifecycleId + " to the beginning of " + String.join(", ", branches) + "\n"
                    + "would delete its internal topics: " + lifecycleId + "-auth-session-result-lifecycle-changelog, " + lifecycleId
                    + "-run-result-lifecycle-changelog\n", dryRun.out());
            assertEquals(lifecycleCommitted, committed(admin, lifecycleId, branchEnds), "a dry run changes nothing");

            Cli reset = Cli.run("reset", "--role", "lifecycle", "--config", properties.toString());
            assertEquals(0, reset.exitCode(), reset.err());
            assertTrue(reset.out().strip().endsWith("now delete the state directory (state.dir) of every lifecycle instance, then start"
                    + " them: they build every run's state again from the branch topics"), reset.out());
            deleteRecursively(directory.resolve("state"));

            try (ChildPipeline rebuilt = ChildPipeline.start(settings, Files.createDirectories(directory.resolve("rebuilt")))) {
                awaitCommittedToTheEnd(admin, lifecycleId, branches, rebuilt);
            }
            assertEquals(branchEnds, endOffsets(admin, branches), "the routing wrote nothing again");
            assertEquals(routed, committed(admin, applicationId, endOffsets(admin, List.of(config.topics().name(Topics.RUN_RESULTS_RAW)))),
                    "the reset left the routing's group where it was");
            Map<TopicPartition, Long> rebuiltEnds = endOffsets(admin, status);
            assertEquals(liveStates, latestByKey(read(status, rebuiltEnds), statusEnds),
                    "the latest state of every run, written again from the branch topics alone");
        }
    }

    private static Map<String, String> role(Map<String, String> settings, Role role) {
        Map<String, String> withRole = new HashMap<>(settings);
        withRole.put(ConfigKeys.ROLE, role.id());
        return withRole;
    }

    /** Runs of several reports each, in time order: duplicates, a skipped status, and an illegal report after the end. */
    private static void sendRuns(RunStatusConfig config) throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            String run = String.format("rebuild-%014d", i);
            List<String> statuses = switch (i % 3) {
                case 0 -> List.of("pending", "pending", "started", "started", "completed");
                case 1 -> List.of("pending", "canceled", "started");
                default -> List.of("started", "started");
            };
            for (int report = 0; report < statuses.size(); report++) {
                String document = "{\"runId\":\"" + run + "\",\"status\":\"" + statuses.get(report) + "\""
                        + (statuses.get(report).equals("canceled") ? ",\"message\":\"stopped\",\"reason\":{\"type\":\"terminated\",\"message\":\"stopped\"}" : "")
                        + "}";
                records.add(new ProducerRecord<>(config.topics().name(Topics.RUN_RESULTS_RAW), null,
                        START.plusSeconds(i * 60L + report * 5L).toEpochMilli(), run.getBytes(StandardCharsets.UTF_8),
                        document.getBytes(StandardCharsets.UTF_8)));
            }
        }
        Inputs.send(RealCluster.runtime().bootstrapServers(), records);
    }

    /** Waits until the group has committed the end of every non-empty partition; fails with what the pipeline printed. */
    private static void awaitCommittedToTheEnd(Admin admin, String group, List<String> topics, ChildPipeline pipeline) throws Exception {
        Instant deadline = Instant.now().plus(BOUND);
        Map<TopicPartition, Long> ends = endOffsets(admin, topics);
        while (!atTheEnd(committed(admin, group, ends), ends)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("group " + group + " committed " + committed(admin, group, ends) + ", not the end of "
                        + topics + " " + ends + ", within " + BOUND + "; the pipeline printed:\n" + pipeline.log());
            }
            Thread.sleep(200);
        }
    }

    private static boolean atTheEnd(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0 || end.getValue().equals(committed.get(end.getKey())));
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group, Map<TopicPartition, Long> of) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(entry -> of.containsKey(entry.getKey()) && entry.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                .forEach(partition -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** The topics' committed records up to these end offsets, read as a read_committed consumer reads them. */
    private static List<ConsumerRecord<byte[], byte[]>> read(List<String> topics, Map<TopicPartition, Long> ends) {
        Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealCluster.runtime().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            Instant deadline = Instant.now().plus(BOUND);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                assertTrue(Instant.now().isBefore(deadline), "read " + topics + " to " + ends + " within " + BOUND);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The latest value of each key among the records at or after {@code from} (all records when empty), hex-encoded. */
    private static Map<String, String> latestByKey(List<ConsumerRecord<byte[], byte[]>> records, Map<TopicPartition, Long> from) {
        Map<String, String> latest = new TreeMap<>();
        records.stream().filter(record -> record.offset() >= from.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L))
                .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .forEach(record -> latest.put(new String(record.key(), StandardCharsets.UTF_8), hex(record.value())));
        assertTrue(latest.values().stream().noneMatch(value -> value.isEmpty()), "no tombstones");
        return latest;
    }

    private static String hex(byte[] bytes) {
        if (bytes == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }

    private static void deleteRecursively(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
