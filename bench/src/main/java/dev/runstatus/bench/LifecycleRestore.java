package dev.runstatus.bench;

import dev.runstatus.app.StreamsSettings;
import dev.runstatus.config.Role;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.lifecycle.Lifecycle;
import dev.runstatus.lifecycle.LifecycleConfig;
import dev.runstatus.lifecycle.LifecycleFaults;
import dev.runstatus.lifecycle.LifecycleTopology;
import dev.runstatus.metrics.LifecycleMetrics;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.topology.TopologyOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateRestoreListener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long the lifecycle takes to restore its stores from their changelogs into an empty state
 * directory: it reads the routed branch topics once (every run's state in its stores and changelogs),
 * stops, its state directory is deleted, and it starts again in a JVM of its own with the production
 * topology and Streams settings and a restore listener, which prints {@value #RESTORED} with the
 * milliseconds from start until every changelog partition with records has been restored (and Kafka
 * Streams is RUNNING), and the records restored.
 */
final class LifecycleRestore {

    static final String MODE = "restore";
    static final String RESTORED = "RESTORED";
    private static final String NAME = "restore";

    /** The restore's time and records, the runs they are the state of, and the state directory's size before it was deleted. */
    record Result(long millis, long records, long runs, long stateBytes) {
    }

    private LifecycleRestore() {
    }

    static Result run(BenchCluster cluster, Path directory, ThroughputTrial.Source routed, long runs) throws Exception {
        Properties settings = ThroughputTrial.settings(cluster, NAME, StreamsConfig.EXACTLY_ONCE_V2, routed);
        Path state = directory.resolve(NAME + "-state");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        List<String> outputs = ThroughputTrial.outputs(StreamsApps.LIFECYCLE, settings);
        cluster.createTopics(outputs);
        Path file = ThroughputTrial.write(settings, directory.resolve(NAME + ".properties"));
        RunStatusConfig config = StreamsApps.load(file, Map.of());
        try {
            try (ChildJvm fill = ChildJvm.start(List.of(), StreamsApps.class.getName(), List.of(StreamsApps.LIFECYCLE, file.toString()),
                    directory.resolve(NAME + "-fill.log"))) {
                fill.awaitLine(StreamsApps.RUNNING, Duration.ofMinutes(2));
                StreamsApps.awaitStages(cluster.progress(), StreamsApps.stages(StreamsApps.LIFECYCLE, config), () -> { });
                fill.stop(Duration.ofMinutes(1));
            }
            long stateBytes = ThroughputTrial.sizeOf(state);
            ThroughputTrial.delete(state);
            try (ChildJvm restore = ChildJvm.start(List.of(), StreamsApps.class.getName(), List.of(MODE, file.toString()),
                    directory.resolve(NAME + ".log"))) {
                long[] measured = result(restore.remainingLines(Duration.ofMinutes(10)));
                return new Result(measured[0], measured[1], runs, stateBytes);
            }
        } finally {
            ThroughputTrial.delete(state);
            cluster.deleteTopics(outputs);
            cluster.progress().deleteGroup(config.lifecycleApplicationId());
            cluster.deleteInternalTopics(config.lifecycleApplicationId());
        }
    }

    static void measure(RunStatusConfig config) throws Exception {
        Preflight.LifecycleStart start = Preflight.of(config).start(Role.LIFECYCLE, TopologyOptions.pipeline()).lifecycle().orElseThrow();
        LifecycleMetrics metrics = new LifecycleMetrics(new SimpleMeterRegistry());
        int partitions = changelogPartitionsWithRecords(config);
        Set<TopicPartition> done = ConcurrentHashMap.newKeySet();
        AtomicLong restored = new AtomicLong();
        try (KafkaStreams streams = new KafkaStreams(LifecycleTopology.build(LifecycleConfig.of(config), config.topics(), start.ids(),
                start.writerSchemas(), metrics), StreamsSettings.of(config).lifecycle(new LifecycleFaults(config.topics(), start.ids(),
                metrics)))) {
            streams.setGlobalStateRestoreListener(new StateRestoreListener() {
                @Override
                public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
                }

                @Override
                public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
                }

                @Override
                public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                    restored.addAndGet(totalRestored);
                    done.add(partition);
                }
            });
            long begin = System.nanoTime();
            streams.start();
            while (done.size() < partitions || streams.state() != KafkaStreams.State.RUNNING) {
                if (streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("the lifecycle failed while restoring");
                }
                Thread.sleep(10);
            }
            System.out.println(RESTORED + " " + (System.nanoTime() - begin) / 1_000_000 + " " + restored.get());
            System.out.flush();
        }
    }

    private static int changelogPartitionsWithRecords(RunStatusConfig config) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.require(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
            InputProgress progress = new InputProgress(admin);
            List<String> changelogs = Lifecycle.values().stream()
                    .map(lifecycle -> config.lifecycleApplicationId() + "-" + LifecycleTopology.storeName(lifecycle) + "-changelog")
                    .toList();
            return (int) progress.endOffsets(changelogs).values().stream().filter(end -> end > 0).count();
        }
    }

    /** The restore's milliseconds and records, from what the child printed. */
    static long[] result(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith(RESTORED + " ")).findFirst()
                .map(line -> line.substring(RESTORED.length() + 1).split(" "))
                .map(parts -> new long[]{Long.parseLong(parts[0]), Long.parseLong(parts[1])})
                .orElseThrow(() -> new IllegalStateException("the restore printed no " + RESTORED + " line: " + lines));
    }
}
