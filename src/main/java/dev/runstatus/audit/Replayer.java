package dev.runstatus.audit;

import dev.runstatus.app.Pipeline;
import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.ops.SchemaPublisher;
import dev.runstatus.ops.TopicCreator;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.topology.InputRange;
import dev.runstatus.topology.TopologyOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Reprocesses a bounded range of one input topic with the production topology in Kafka Streams, into
 * the normal outputs, into outputs under a prefix, or into nothing (a dry run that only counts), and
 * stops once every partition has been processed and committed past the range's end.
 *
 * <p>The replay runs as its own application, whose id is derived from the range, the prefix and the
 * mode: a replay that is stopped half-way resumes where it committed when run again, so exactly-once
 * holds across a crash. Its consumer group is deleted when it has finished.
 */
public final class Replayer {

    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final RunStatusConfig config;
    private volatile Pipeline running;

    public Replayer(RunStatusConfig config) {
        this.config = config;
    }

    public ReplayReport replay(Topic input, InputRange range, Optional<String> into, boolean dryRun, Duration timeout)
            throws Exception {
        String applicationId = config.require(StreamsConfig.APPLICATION_ID_CONFIG) + "-replay-" + digest(range, into, dryRun);
        Map<String, String> overrides = new HashMap<>();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        overrides.put(ConfigKeys.HTTP_HOST, "127.0.0.1");
        overrides.put(ConfigKeys.HTTP_PORT, "0");
        into.ifPresent(prefix -> overrides.putAll(config.topics().outputsUnder(prefix)));
        RunStatusConfig replay = config.with(overrides);
        try (Admin admin = Admin.create(ClientProperties.common(config))) {
            if (into.isPresent() && !dryRun) {
                prepareOutputs(admin, replay, range.topic());
            }
            startAt(admin, applicationId, range);
            ReplayReport report;
            try (Pipeline pipeline = Pipeline.start(replay, TopologyOptions.replay(input, range, !dryRun))) {
                running = pipeline;
                awaitEnd(admin, applicationId, range, pipeline, timeout);
                report = ReplayReport.of(range, dryRun, pipeline.metrics());
            } finally {
                running = null;
            }
            forget(admin, applicationId);
            return report;
        }
    }

    /** Input records the running replay has read so far, for a progress line. */
    public long recordsIn() {
        Pipeline pipeline = running;
        return pipeline == null ? 0 : pipeline.metrics().recordsIn();
    }

    /** A finished replay leaves no consumer group behind; its members may take a moment to leave. */
    private static void forget(Admin admin, String applicationId) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                admin.deleteConsumerGroups(List.of(applicationId)).all().get();
                return;
            } catch (ExecutionException e) {
                if (attempt == 20) {
                    LOG.warn("Could not delete the replay's consumer group {}: {}", applicationId, e.getCause().toString());
                    return;
                }
                Thread.sleep(CHECK_EVERY.toMillis());
            }
        }
    }

    /** The prefixed outputs get the input topic's partitions and replication, and the schemas their subjects need. */
    private static void prepareOutputs(Admin admin, RunStatusConfig replay, String inputTopic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(inputTopic)).allTopicNames().get().get(inputTopic);
        short replication = (short) description.partitions().get(0).replicas().size();
        TopicCreator.createMissing(admin, replay.topics(), description.partitions().size(), replication);
        new SchemaPublisher(SchemaRegistries.connect(replay.registrySettings()), replay.topics(), replay.schemaCatalog()).registerAll();
    }

    /** Commits the range's start for the replay's group, where it has not committed already (a resumed replay). */
    private static void startAt(Admin admin, String applicationId, InputRange range) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
        range.partitions().forEach((partition, offsets) -> {
            TopicPartition topicPartition = new TopicPartition(range.topic(), partition);
            if (committed.get(topicPartition) == null) {
                starts.put(topicPartition, new OffsetAndMetadata(offsets.start()));
            }
        });
        if (!starts.isEmpty()) {
            admin.alterConsumerGroupOffsets(applicationId, starts).all().get();
        }
    }

    private static void awaitEnd(Admin admin, String applicationId, InputRange range, Pipeline pipeline, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!finished(admin, applicationId, range)) {
            if (pipeline.state() == KafkaStreams.State.ERROR || pipeline.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("the replay stopped in state " + pipeline.state() + " before the end of " + range);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replay of " + range + " did not finish in " + timeout
                        + "; run the same command again to resume it");
            }
            Thread.sleep(CHECK_EVERY.toMillis());
        }
    }

    private static boolean finished(Admin admin, String applicationId, InputRange range) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        for (Map.Entry<Integer, InputRange.Offsets> entry : range.partitions().entrySet()) {
            OffsetAndMetadata offset = committed.get(new TopicPartition(range.topic(), entry.getKey()));
            if (offset == null || offset.offset() < entry.getValue().end()) {
                return false;
            }
        }
        return true;
    }

    private static String digest(InputRange range, Optional<String> into, boolean dryRun) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((range + "|" + into.orElse("") + "|" + dryRun)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
