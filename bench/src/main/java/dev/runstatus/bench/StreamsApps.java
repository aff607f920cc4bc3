package dev.runstatus.bench;

import dev.runstatus.app.Pipeline;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.reader.DocumentReader;
import dev.runstatus.reader.Reading;
import dev.runstatus.registry.SchemaIds;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.DocumentFields;
import dev.runstatus.topology.RunStatusTopology;
import dev.runstatus.topology.TopologyOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The application under test, in its own JVM so that its CPU time and peak RSS are its own:
 * {@code runstatus} (the production pipeline), {@code runstatus-without-lifecycle} (the same with the
 * lifecycle step off), {@code runstatus-reading-branches} (the routing reading its branch topics back
 * and dropping them), {@code passthrough} (Kafka Streams moving the same
 * input bytes to one output topic, nothing else) or {@code naive} (a read-and-encode-only application,
 * below). All get the same Streams and producer settings from the same configuration. With a warm-up
 * configuration, first warms the JIT as a long-running service has it: passes of the same
 * application over the whole input, each under its own application id, until at least
 * {@value #WARM_UP_PASSES} have ended and the warm-up seconds have passed. One pass is not enough: after the first restart in a JVM the JIT throws away and recompiles much of the hot code
 * (JFR: some 240 deoptimizations in the first seconds of the second instance, and the C2 compiler
 * busy for about 10 s more), which then fell in the measured run. Prints {@value #RUNNING} once the
 * measured Streams is running, and on SIGTERM {@value #COMPILATION_MILLIS} with the JIT's compilation
 * time since then, before it stops.
 */
public final class StreamsApps {

    static final String RUNNING = "RUNNING";
    static final String COMPILATION_MILLIS = "COMPILATION_MILLIS";
    static final int WARM_UP_PASSES = 2;
    static final String PASSTHROUGH_TOPIC = "bench.passthrough.topic";
    static final String RUNSTATUS = "runstatus";
    /**
     * The routing with a step that reads the six branch topics back, as the lifecycle step does, and drops
     * every record: what reading them costs in the same application, the floor under any lifecycle step.
     */
    static final String RUNSTATUS_READING_BRANCHES = "runstatus-reading-branches";

    /** The production pipeline with the lifecycle step turned off: the routing alone. */
    static final String RUNSTATUS_WITHOUT_LIFECYCLE = "runstatus-without-lifecycle";
    static final String PASSTHROUGH = "passthrough";
    static final String NAIVE = "naive";

    private StreamsApps() {
    }

    /** A started application and how to ask for its state. */
    private record App(AutoCloseable instance, Supplier<KafkaStreams.State> state) {

        void awaitRunning() throws InterruptedException {
            while (state.get() != KafkaStreams.State.RUNNING) {
                requireAlive();
                Thread.sleep(10);
            }
        }

        void requireAlive() {
            KafkaStreams.State now = state.get();
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("the application stopped: " + now);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 2) {
            warmUp(args[0], Path.of(args[2]), Duration.ofSeconds(Long.parseLong(args[3])));
        }
        App app = start(args[0], load(Path.of(args[1]), Map.of()));
        CountDownLatch stopped = new CountDownLatch(1);
        app.awaitRunning();
        long compilationAtStart = compilationMillis();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(COMPILATION_MILLIS + " " + (compilationMillis() - compilationAtStart));
            System.out.flush();
            try {
                app.instance().close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        System.out.println(RUNNING);
        System.out.flush();
        stopped.await();
    }

    /** The compilation time the child printed when it was stopped, or -1 if it printed none. */
    static long compilationMillis(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith(COMPILATION_MILLIS + " "))
                .mapToLong(line -> Long.parseLong(line.substring(COMPILATION_MILLIS.length() + 1))).findFirst().orElse(-1);
    }

    private static void warmUp(String app, Path configuration, Duration atLeast) throws Exception {
        RunStatusConfig warmUp = load(configuration, Map.of());
        long until = System.nanoTime() + atLeast.toNanos();
        String applicationId = warmUp.require(StreamsConfig.APPLICATION_ID_CONFIG);
        String bootstrap = warmUp.require(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            InputProgress progress = new InputProgress(admin);
            Map<TopicPartition, Long> ends = progress.endOffsets(inputs(warmUp));
            for (int pass = 1; pass <= WARM_UP_PASSES || System.nanoTime() < until; pass++) {
                String id = applicationId + "-" + pass;
                App instance = start(app, load(configuration, Map.of(StreamsConfig.APPLICATION_ID_CONFIG, id)));
                instance.awaitRunning();
                while (!progress.committedUpTo(id, ends)) {
                    instance.requireAlive();
                    Thread.sleep(50);
                }
                instance.instance().close();
                progress.deleteGroup(id);
            }
        }
    }

    static boolean isRunstatus(String app) {
        return app.equals(RUNSTATUS) || app.equals(RUNSTATUS_WITHOUT_LIFECYCLE) || app.equals(RUNSTATUS_READING_BRANCHES);
    }

    /** Whether the application reads its own branch topics back, so that a run ends only once it has read them. */
    static boolean readsBranches(String app) {
        return app.equals(RUNSTATUS) || app.equals(RUNSTATUS_READING_BRANCHES);
    }

    private static long compilationMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static RunStatusConfig load(Path configuration, Map<String, String> overrides) {
        return RunStatusConfig.load(Optional.of(configuration), Map.of(), overrides);
    }

    private static List<String> inputs(RunStatusConfig config) {
        return List.of(config.topics().name(Topic.RUN_RESULTS_RAW), config.topics().name(Topic.AUTH_SESSION_RESULTS_RAW));
    }

    private static App start(String app, RunStatusConfig config) {
        if (app.equals(RUNSTATUS) || app.equals(RUNSTATUS_WITHOUT_LIFECYCLE)) {
            Pipeline pipeline;
            try {
                pipeline = Pipeline.start(app.equals(RUNSTATUS) ? config
                        : config.with(Map.of(ConfigKeys.LIFECYCLE_ENABLED, "false")));
            } catch (PreflightException e) {
                throw new IllegalStateException("the benchmark's pipeline cannot start: " + e.getMessage(), e);
            }
            return new App(pipeline, pipeline::state);
        }
        KafkaStreams streams = switch (app) {
            case NAIVE -> naive(config);
            case RUNSTATUS_READING_BRANCHES -> readingBranches(config);
            default -> passthrough(config);
        };
        streams.start();
        return new App(streams, streams::state);
    }

    /**
     * The "naive parse + validate + Avro" application: runstatus's reader on every
     * document, the Avro binary of a valid one (the bytes of an invalid one) to one topic; no headers,
     * routing, extended-payload records, dead letters or meters.
     */
    private static KafkaStreams naive(RunStatusConfig config) {
        DocumentReader reader = new DocumentReader(SchemaCatalog.bundled(), config.pipelineSettings().limits(),
                DocumentFields.CAPTURES);
        StreamsBuilder builder = new StreamsBuilder();
        Consumed<byte[], byte[]> consumed = Consumed.with(Serdes.ByteArray(), Serdes.ByteArray());
        Produced<byte[], byte[]> produced = Produced.with(Serdes.ByteArray(), Serdes.ByteArray());
        for (Family family : Family.values()) {
            builder.stream(config.topics().name(Topic.inputOf(family)), consumed.withName("read-" + family.id()))
                    .mapValues(value -> {
                        Reading reading = reader.read(family, value);
                        return reading.valid() ? reading.avro() : value;
                    }, Named.as("read-and-encode-" + family.id()))
                    .to(config.require(PASSTHROUGH_TOPIC), produced.withName("write-" + family.id()));
        }
        return new KafkaStreams(builder.build(), config.streamsProperties());
    }

    private static KafkaStreams readingBranches(RunStatusConfig config) {
        RunStatusConfig routing = config.with(Map.of(ConfigKeys.LIFECYCLE_ENABLED, "false"));
        TopologyOptions options = TopologyOptions.pipeline();
        SchemaIds ids;
        try {
            ids = Preflight.of(routing).pipeline(options);
        } catch (PreflightException e) {
            throw new IllegalStateException("the benchmark's pipeline cannot start: " + e.getMessage(), e);
        }
        PipelineMetrics metrics = PipelineMetrics.unregistered(routing.topics());
        Topology topology = RunStatusTopology.build(routing.pipelineSettings(), routing.schemaCatalog(), ids, metrics, options);
        String[] branches = Arrays.stream(Family.values()).flatMap(family -> Topic.branchesOf(family).stream())
                .map(routing.topics()::name).toArray(String[]::new);
        topology.addSource("read-branches", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), branches);
        topology.addProcessor("drop-branch-records", DropRecords::new, "read-branches");
        return new KafkaStreams(topology, Pipeline.streamsProperties(routing, metrics, options));
    }

    private static final class DropRecords implements Processor<byte[], byte[], Void, Void> {
        @Override
        public void process(Record<byte[], byte[]> record) {
        }
    }

    private static KafkaStreams passthrough(RunStatusConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputs(config), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-inputs"))
                .to(config.require(PASSTHROUGH_TOPIC), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write-output"));
        return new KafkaStreams(builder.build(), config.streamsProperties());
    }
}
