package dev.runstatus.bench;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.Topic;
import dev.runstatus.schema.Family;
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
 * One timed run of an application over a whole input: from the moment Kafka Streams is RUNNING until
 * its groups have committed the end of what they read ({@link StreamsApps#stages}). Each run has its own
 * application ids and its own, new output topics, deleted afterwards. Its JVM first runs the same
 * application over the same inputs under other ids (into other topics; see {@link StreamsApps}), so the
 * timed run measures a warm JIT, as in a long-running service, rather than the first minute of one.
 */
final class ThroughputTrial {

    /**
     * The passthrough and the naive application commit at Kafka Streams' exactly-once default under
     * both guarantees (at-least-once's own default, 30 s, would hide the end of a run); runstatus at its
     * own, shorter default, so that whatever that costs counts against it.
     */
    static final String PASSTHROUGH_COMMIT_INTERVAL_MS = "100";
    /** Beyond the warm-up seconds: the warm-up's passes over the input, and the starts and closes. */
    static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(10);

    /**
     * What a run reads: a workload's raw topics and, once routed, the branch topics the routing wrote
     * from them; {@code records} is what a run's figures are per (documents, or branch records: reports).
     */
    record Source(String name, String runResults, String authSessionResults, Map<Topic, String> branches, long records) {

        static Source raw(Workload workload) {
            return new Source(workload.name(), workload.runResultsTopic(), workload.authSessionResultsTopic(), Map.of(),
                    workload.documents());
        }

        /** The branch topics a routing of this workload wrote: one record per valid document. */
        Source routed(Map<Topic, String> written, long reports) {
            return new Source(name, runResults, authSessionResults, written, reports);
        }
    }

    private final BenchCluster cluster;
    private final Path directory;
    private final int warmUpSeconds;
    private final Map<String, String> overrides;
    private int runs;

    /** {@code overrides}: settings given to every application run, after the benchmark's own. */
    ThroughputTrial(BenchCluster cluster, Path directory, int warmUpSeconds, Map<String, String> overrides) {
        this.cluster = cluster;
        this.directory = directory;
        this.warmUpSeconds = warmUpSeconds;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * One run's figures: the application's CPU time and the broker's, per million records read, and the
     * share of the machine's CPU time nobody used; compilationMillis is the JIT's time while it ran (-1
     * if the child did not say); stateBytes is the size of its Kafka Streams state directory once stopped.
     */
    record Result(String app, String guarantee, String heap, double recordsPerSecond, double seconds,
                  double cpuSecondsPerMillion, double brokerCpuSecondsPerMillion, double machineIdleShare,
                  long peakRssBytes, long compilationMillis, long stateBytes) {

        /** The application's and the broker's CPU together, per million records. */
        double totalCpuSecondsPerMillion() {
            return cpuSecondsPerMillion + brokerCpuSecondsPerMillion;
        }
    }

    Result run(String app, String guarantee, String heap, Source source) throws Exception {
        return run(app, guarantee, heap, List.of(), source);
    }

    /** As {@link #run(String, String, String, Source)}, with more JVM options for the application (a profiler). */
    Result run(String app, String guarantee, String heap, List<String> jvmOptions, Source source) throws Exception {
        String name = "t" + (++runs);
        return run(app, guarantee, heap, jvmOptions, Map.of(), source, name, false);
    }

    /** As {@link #run(String, String, String, Source)}, with settings of the application's besides the benchmark's. */
    Result run(String app, String guarantee, String heap, Map<String, String> appSettings, Source source) throws Exception {
        String name = "t" + (++runs);
        return run(app, guarantee, heap, List.of(), appSettings, source, name, false);
    }

    /**
     * The routing over the workload, its branch topics kept (named {@code <workload>.routed.*}) for the
     * applications that read them, which read {@code reports} records there.
     */
    Source route(Source source, long reports) throws Exception {
        String name = source.name() + ".routed";
        run(StreamsApps.ROUTING, StreamsConfig.EXACTLY_ONCE_V2, "default", List.of(), Map.of(), source, name, true);
        Map<Topic, String> branches = new java.util.HashMap<>();
        for (Family family : Family.values()) {
            Topic.branchesOf(family).forEach(topic -> branches.put(topic, name + "." + topic.defaultName()));
        }
        return source.routed(branches, reports);
    }

    private Result run(String app, String guarantee, String heap, List<String> jvmOptions, Map<String, String> appSettings,
                       Source source, String name, boolean keepOutputs) throws Exception {
        String warmUpName = name + "-warm-up";
        Properties settings = settings(cluster, name, guarantee, source);
        Properties warmUpSettings = settings(cluster, warmUpName, guarantee, source);
        Path state = directory.resolve(name + "-state");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        warmUpSettings.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve(warmUpName + "-state").toString());
        if (app.equals(StreamsApps.PASSTHROUGH) || app.equals(StreamsApps.NAIVE)) {
            settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, PASSTHROUGH_COMMIT_INTERVAL_MS);
            warmUpSettings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, PASSTHROUGH_COMMIT_INTERVAL_MS);
        }
        settings.putAll(appSettings);
        warmUpSettings.putAll(appSettings);
        List<String> outputs = new ArrayList<>(outputs(app, settings));
        List<String> warmUpOutputs = outputs(app, warmUpSettings);
        cluster.createTopics(outputs);
        cluster.createTopics(warmUpOutputs);
        settings.putAll(overrides);
        warmUpSettings.putAll(overrides);
        Path file = write(settings, directory.resolve(name + ".properties"));
        Path warmUpFile = write(warmUpSettings, directory.resolve(warmUpName + ".properties"));
        List<StreamsApps.Stage> stages = StreamsApps.stages(app, StreamsApps.load(file, Map.of()));
        List<String> jvm = new ArrayList<>(jvmOptions);
        if (!heap.equals("default")) {
            jvm.add("-Xmx" + heap);
        }
        List<String> arguments = keepOutputs ? List.of(app, file.toString())
                : List.of(app, file.toString(), warmUpFile.toString(), String.valueOf(warmUpSeconds));
        try (ChildJvm child = ChildJvm.start(jvm, StreamsApps.class.getName(), arguments, directory.resolve(name + ".log"))) {
            child.awaitLine(StreamsApps.RUNNING, WARM_UP_TIMEOUT.plusSeconds(warmUpSeconds));
            long start = System.nanoTime();
            double cpuAtStart = child.cpuSeconds();
            double brokerCpuAtStart = ProcStat.cpuSeconds(cluster.brokerPid());
            ProcStat.MachineTicks machineAtStart = ProcStat.machine();
            StreamsApps.awaitStages(cluster.progress(), stages, () -> { });
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = child.cpuSeconds() - cpuAtStart;
            double brokerCpu = ProcStat.cpuSeconds(cluster.brokerPid()) - brokerCpuAtStart;
            double idle = ProcStat.machine().idleShareSince(machineAtStart);
            long rss = child.peakRssBytes();
            long compilation = StreamsApps.compilationMillis(child.stop(Duration.ofMinutes(1)));
            double perMillion = 1_000_000.0 / source.records();
            return new Result(app, guarantee, heap, source.records() / seconds, seconds, cpu * perMillion,
                    brokerCpu * perMillion, idle, rss, compilation, sizeOf(state));
        } finally {
            delete(state);
            delete(directory.resolve(warmUpName + "-state"));
            cluster.deleteTopics(warmUpOutputs);
            if (!keepOutputs) {
                cluster.deleteTopics(outputs);
            }
            for (StreamsApps.Stage stage : stages) {
                cluster.progress().deleteGroup(stage.group());
                cluster.deleteInternalTopics(stage.group());
            }
        }
    }

    static long sizeOf(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The topics the application writes (its internal ones aside), created before a run and deleted after. */
    static List<String> outputs(String app, Properties settings) {
        List<String> topics = new ArrayList<>();
        switch (app) {
            case StreamsApps.RUNSTATUS -> {
                Topic.OUTPUTS.forEach(topic -> topics.add(settings.getProperty(topic.configKey())));
                Topic.LIFECYCLE.forEach(topic -> topics.add(settings.getProperty(topic.configKey())));
            }
            case StreamsApps.ROUTING -> Topic.OUTPUTS.forEach(topic -> topics.add(settings.getProperty(topic.configKey())));
            case StreamsApps.LIFECYCLE -> Topic.LIFECYCLE.forEach(topic -> topics.add(settings.getProperty(topic.configKey())));
            default -> topics.add(settings.getProperty(StreamsApps.PASSTHROUGH_TOPIC));
        }
        return topics;
    }

    static Path write(Properties settings, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            settings.store(writer, null);
        }
        return file;
    }

    /**
     * The application's configuration: its own id and output topics, the source's input topics (and
     * branch topics, once routed: the lifecycle and its peer read those), the guarantee.
     */
    static Properties settings(BenchCluster cluster, String name, String guarantee, Source source) {
        Properties settings = new Properties();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        settings.put(ConfigKeys.SCHEMA_REGISTRY_URL, cluster.registryUrl());
        settings.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, "true");
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, name);
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        settings.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        settings.put(ConfigKeys.HTTP_HOST, "127.0.0.1");
        settings.put(ConfigKeys.HTTP_PORT, "0");
        settings.put(Topic.inputOf(Family.RUN_RESULT).configKey(), source.runResults());
        settings.put(Topic.inputOf(Family.AUTH_SESSION_RESULT).configKey(), source.authSessionResults());
        for (Topic topic : Topic.OUTPUTS) {
            settings.put(topic.configKey(), source.branches().getOrDefault(topic, name + "." + topic.defaultName()));
        }
        for (Topic topic : Topic.LIFECYCLE) {
            settings.put(topic.configKey(), name + "." + topic.defaultName());
        }
        settings.put(StreamsApps.PASSTHROUGH_TOPIC, name + ".passthrough");
        return settings;
    }
}
