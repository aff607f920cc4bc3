package dev.runstatus.bench;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.Topic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One timed run of an application over the whole workload: from the moment Kafka Streams is RUNNING
 * until its group has committed the end of both input topics. Each run has its own application id and
 * its own, new output topics, deleted afterwards. Its JVM first runs the same application over the
 * same inputs under other ids (into other topics; see {@link StreamsApps}), so the timed run measures
 * a warm JIT, as in a long-running service, rather than the first minute of one.
 */
final class ThroughputTrial {

    /**
     * The passthrough and the naive application commit at Kafka Streams' exactly-once default under
     * both guarantees (at-least-once's own default, 30 s, would hide the end of a run); runstatus at its
     * own, shorter default, so that whatever that costs counts against it.
     */
    static final String PASSTHROUGH_COMMIT_INTERVAL_MS = "100";
    private static final Duration POLL = Duration.ofMillis(20);
    /** Beyond the warm-up seconds: the warm-up's passes over the input, and the starts and closes. */
    static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(10);

    private final BenchCluster cluster;
    private final Workload workload;
    private final Path directory;
    private final int warmUpSeconds;
    private final Map<String, String> overrides;
    private int runs;

    /** {@code overrides}: settings given to every application run, after the benchmark's own. */
    ThroughputTrial(BenchCluster cluster, Workload workload, Path directory, int warmUpSeconds, Map<String, String> overrides) {
        this.cluster = cluster;
        this.workload = workload;
        this.directory = directory;
        this.warmUpSeconds = warmUpSeconds;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * One run's figures: the application's CPU time and the broker's, per million documents, and the
     * share of the machine's CPU time nobody used; compilationMillis is the JIT's time while it ran (-1
     * if the child did not say); stateBytes is the size of its Kafka Streams state directory once stopped.
     */
    record Result(String app, String guarantee, String heap, double recordsPerSecond, double seconds,
                  double cpuSecondsPerMillion, double brokerCpuSecondsPerMillion, double machineIdleShare,
                  long peakRssBytes, long compilationMillis, long stateBytes) {
    }

    Result run(String app, String guarantee, String heap) throws Exception {
        return run(app, guarantee, heap, List.of());
    }

    /** As {@link #run(String, String, String)}, with more JVM options for the application (a profiler). */
    Result run(String app, String guarantee, String heap, List<String> jvmOptions) throws Exception {
        String name = "t" + (++runs);
        String warmUpName = name + "-warm-up";
        Properties settings = settings(cluster, name, guarantee, Workload.RUN_RESULTS, Workload.AUTH_SESSION_RESULTS);
        Properties warmUpSettings = settings(cluster, warmUpName, guarantee, Workload.RUN_RESULTS, Workload.AUTH_SESSION_RESULTS);
        Path state = directory.resolve(name + "-state");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        warmUpSettings.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve(warmUpName + "-state").toString());
        if (!StreamsApps.isRunstatus(app)) {
            settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, PASSTHROUGH_COMMIT_INTERVAL_MS);
            warmUpSettings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, PASSTHROUGH_COMMIT_INTERVAL_MS);
        }
        List<String> outputs = new ArrayList<>(outputs(app, settings));
        outputs.addAll(outputs(app, warmUpSettings));
        cluster.createTopics(outputs);
        settings.putAll(overrides);
        warmUpSettings.putAll(overrides);
        Path file = write(settings, directory.resolve(name + ".properties"));
        Path warmUpFile = write(warmUpSettings, directory.resolve(warmUpName + ".properties"));
        Map<TopicPartition, Long> ends = cluster.progress().endOffsets(List.of(Workload.RUN_RESULTS, Workload.AUTH_SESSION_RESULTS));
        List<String> jvm = new ArrayList<>(jvmOptions);
        if (!heap.equals("default")) {
            jvm.add("-Xmx" + heap);
        }
        List<String> arguments = List.of(app, file.toString(), warmUpFile.toString(), String.valueOf(warmUpSeconds));
        try (ChildJvm child = ChildJvm.start(jvm, StreamsApps.class.getName(), arguments, directory.resolve(name + ".log"))) {
            child.awaitLine(StreamsApps.RUNNING, WARM_UP_TIMEOUT.plusSeconds(warmUpSeconds));
            long start = System.nanoTime();
            double cpuAtStart = child.cpuSeconds();
            double brokerCpuAtStart = ProcStat.cpuSeconds(cluster.brokerPid());
            ProcStat.MachineTicks machineAtStart = ProcStat.machine();
            awaitCommitted(name, ends);
            if (StreamsApps.readsBranches(app)) {
                awaitCommitted(name, cluster.progress().endOffsets(branches(settings)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = child.cpuSeconds() - cpuAtStart;
            double brokerCpu = ProcStat.cpuSeconds(cluster.brokerPid()) - brokerCpuAtStart;
            double idle = ProcStat.machine().idleShareSince(machineAtStart);
            long rss = child.peakRssBytes();
            long compilation = StreamsApps.compilationMillis(child.stop(Duration.ofMinutes(1)));
            double perMillion = 1_000_000.0 / workload.documents();
            return new Result(app, guarantee, heap, workload.documents() / seconds, seconds, cpu * perMillion,
                    brokerCpu * perMillion, idle, rss, compilation, sizeOf(state));
        } finally {
            delete(state);
            delete(directory.resolve(warmUpName + "-state"));
            cluster.deleteTopics(outputs);
            cluster.progress().deleteGroup(name);
        }
    }

    /**
     * The run is over when the group has committed the end of both inputs and, with the lifecycle step,
     * the end the branch topics then have: the step reads them in the same application.
     */
    private void awaitCommitted(String group, Map<TopicPartition, Long> ends) throws Exception {
        while (!cluster.progress().committedUpTo(group, ends)) {
            Thread.sleep(POLL.toMillis());
        }
    }

    private static List<String> branches(Properties settings) {
        return Topic.OUTPUTS.stream().filter(topic -> topic != Topic.DEAD_LETTER && topic != Topic.RUN_RESULTS_EXTENDED_PAYLOADS)
                .map(topic -> settings.getProperty(topic.configKey())).toList();
    }

    private static long sizeOf(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    static List<String> outputs(String app, Properties settings) {
        if (StreamsApps.isRunstatus(app)) {
            List<String> topics = new ArrayList<>();
            Topic.OUTPUTS.forEach(topic -> topics.add(settings.getProperty(topic.configKey())));
            Topic.LIFECYCLE.forEach(topic -> topics.add(settings.getProperty(topic.configKey())));
            return topics;
        }
        return List.of(settings.getProperty(StreamsApps.PASSTHROUGH_TOPIC));
    }

    static Path write(Properties settings, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            settings.store(writer, null);
        }
        return file;
    }

    /** The application's configuration: its own id and output topics, both input topics, the guarantee. */
    static Properties settings(BenchCluster cluster, String name, String guarantee, String runResults, String authSessionResults) {
        Properties settings = new Properties();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        settings.put(ConfigKeys.SCHEMA_REGISTRY_URL, cluster.registryUrl());
        settings.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, "true");
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, name);
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        settings.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        settings.put(ConfigKeys.HTTP_HOST, "127.0.0.1");
        settings.put(ConfigKeys.HTTP_PORT, "0");
        settings.put(Topic.RUN_RESULTS_RAW.configKey(), runResults);
        settings.put(Topic.AUTH_SESSION_RESULTS_RAW.configKey(), authSessionResults);
        for (Topic topic : Topic.OUTPUTS) {
            settings.put(topic.configKey(), name + "." + topic.defaultName());
        }
        for (Topic topic : Topic.LIFECYCLE) {
            settings.put(topic.configKey(), name + "." + topic.defaultName());
        }
        settings.put(StreamsApps.PASSTHROUGH_TOPIC, name + ".passthrough");
        return settings;
    }
}
