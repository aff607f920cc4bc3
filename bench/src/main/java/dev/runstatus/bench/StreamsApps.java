package dev.runstatus.bench;

import dev.runstatus.app.Pipeline;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.Role;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.reader.DocumentReader;
import dev.runstatus.reader.Reading;
import dev.runstatus.registry.WireFormat;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.DocumentFields;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The application under test, in its own JVM so that its CPU time and peak RSS are its own:
 * {@code runstatus} (the production {@code run}: routing and lifecycle), {@code runstatus-routing} and
 * {@code runstatus-lifecycle} (one role each), {@code peer} (what a user would build instead of the
 * lifecycle: a plain Kafka Streams table of every run's latest report), {@code passthrough} (Kafka
 * Streams moving the same input bytes to one output topic, nothing else) or {@code naive} (a
 * read-and-encode-only application, below). All get the same Streams and producer settings from the
 * same configuration. With a warm-up configuration, first warms the JIT as a long-running service has
 * it: passes of the same application over the whole input, each under its own application id, until
 * at least {@value #WARM_UP_PASSES} have ended and the warm-up seconds have passed. One pass is not
 * enough: after the first restart in a JVM the JIT throws away and recompiles much of the hot code,
 * which then fell in the measured run. Prints {@value #RUNNING} once the measured Streams is running,
 * and on SIGTERM {@value #COMPILATION_MILLIS} with the JIT's compilation time since then, before it stops.
 */
public final class StreamsApps {

    static final String RUNNING = "RUNNING";
    static final String COMPILATION_MILLIS = "COMPILATION_MILLIS";
    static final int WARM_UP_PASSES = 2;
    static final String PASSTHROUGH_TOPIC = "bench.passthrough.topic";
    static final String RUNSTATUS = "runstatus";
    static final String ROUTING = "runstatus-routing";
    static final String LIFECYCLE = "runstatus-lifecycle";
    static final String PEER = "peer";
    static final String PEER_TUNED = "peer-tuned";
    static final String PASSTHROUGH = "passthrough";
    static final String NAIVE = "naive";
    /** The peer's table: every run's latest report, as ksqlDB's CREATE TABLE ... LATEST_BY_OFFSET keeps it. */
    static final String PEER_STORE = "latest-report";

    private StreamsApps() {
    }

    /** One consumer group of an application and the topics it must have read to the end, in the order they end. */
    record Stage(String group, List<String> inputs) {
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
        if (args[0].equals(LifecycleRestore.MODE)) {
            LifecycleRestore.measure(load(Path.of(args[1]), Map.of()));
            return;
        }
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

    /**
     * The groups whose committed offsets end a run of the application, each with the topics it reads:
     * the routing's over the raw inputs, then (for a {@code run} of both roles) the lifecycle's over the
     * branch topics as they are once the routing has ended; an application that reads the branch topics
     * alone, over them.
     */
    static List<Stage> stages(String app, RunStatusConfig config) {
        String applicationId = config.require(StreamsConfig.APPLICATION_ID_CONFIG);
        List<String> raw = Topic.INPUTS.stream().map(config.topics()::name).toList();
        List<String> branches = new ArrayList<>();
        for (Family family : Family.values()) {
            Topic.branchesOf(family).forEach(topic -> branches.add(config.topics().name(topic)));
        }
        return switch (app) {
            case RUNSTATUS -> List.of(new Stage(applicationId, raw), new Stage(config.lifecycleApplicationId(), branches));
            case LIFECYCLE -> List.of(new Stage(config.lifecycleApplicationId(), branches));
            case PEER, PEER_TUNED -> List.of(new Stage(applicationId, branches));
            default -> List.of(new Stage(applicationId, raw));
        };
    }

    /** Blocks until every stage's group has committed the end its topics have when the stage before has ended. */
    static void awaitStages(InputProgress progress, List<Stage> stages, Runnable whileWaiting) throws Exception {
        for (Stage stage : stages) {
            Map<TopicPartition, Long> ends = progress.endOffsets(stage.inputs());
            while (!progress.committedUpTo(stage.group(), ends)) {
                whileWaiting.run();
                Thread.sleep(20);
            }
        }
    }

    private static void warmUp(String app, Path configuration, Duration atLeast) throws Exception {
        RunStatusConfig warmUp = load(configuration, Map.of());
        long until = System.nanoTime() + atLeast.toNanos();
        String applicationId = warmUp.require(StreamsConfig.APPLICATION_ID_CONFIG);
        String bootstrap = warmUp.require(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            InputProgress progress = new InputProgress(admin);
            for (int pass = 1; pass <= WARM_UP_PASSES || System.nanoTime() < until; pass++) {
                String id = applicationId + "-" + pass;
                RunStatusConfig passConfig = load(configuration, Map.of(StreamsConfig.APPLICATION_ID_CONFIG, id));
                App instance = start(app, passConfig);
                instance.awaitRunning();
                List<Stage> stages = stages(app, passConfig);
                awaitStages(progress, stages, instance::requireAlive);
                instance.instance().close();
                stages.forEach(stage -> progress.deleteGroup(stage.group()));
            }
        }
    }

    private static long compilationMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    static RunStatusConfig load(Path configuration, Map<String, String> overrides) {
        return RunStatusConfig.load(Optional.of(configuration), Map.of(), overrides);
    }

    private static App start(String app, RunStatusConfig config) {
        Optional<Role> role = switch (app) {
            case RUNSTATUS -> Optional.of(Role.ALL);
            case ROUTING -> Optional.of(Role.ROUTING);
            case LIFECYCLE -> Optional.of(Role.LIFECYCLE);
            default -> Optional.empty();
        };
        if (role.isPresent()) {
            Pipeline pipeline;
            try {
                pipeline = Pipeline.start(config.with(Map.of(ConfigKeys.ROLE, role.get().id())));
            } catch (PreflightException e) {
                throw new IllegalStateException("the benchmark's pipeline cannot start: " + e.getMessage(), e);
            }
            return new App(pipeline, pipeline::state);
        }
        KafkaStreams streams = switch (app) {
            case NAIVE -> naive(config);
            case PEER -> peer(config, false);
            case PEER_TUNED -> peer(config, true);
            default -> passthrough(config);
        };
        streams.start();
        return new App(streams, streams::state);
    }

    /**
     * The "naive parse + validate + Avro" application: runstatus's reader on every
     * document, the Avro binary of a valid one in the wire format (the bytes of an invalid one) to one
     * topic, with a fixed schema id and no registry; no headers,
     * routing, extended-payload records, dead letters or meters.
     */
    private static KafkaStreams naive(RunStatusConfig config) {
        DocumentReader reader = DocumentFields.reader(SchemaCatalog.bundled(), config.pipelineSettings().limits());
        StreamsBuilder builder = new StreamsBuilder();
        Consumed<byte[], byte[]> consumed = Consumed.with(Serdes.ByteArray(), Serdes.ByteArray());
        Produced<byte[], byte[]> produced = Produced.with(Serdes.ByteArray(), Serdes.ByteArray());
        byte[] header = WireFormat.header(1);
        for (Family family : Family.values()) {
            builder.stream(config.topics().name(Topic.inputOf(family)), consumed.withName("read-" + family.id()))
                    .mapValues(value -> {
                        Reading reading = reader.read(family, value);
                        return reading.valid() ? reading.withHeader(header) : value;
                    }, Named.as("read-and-encode-" + family.id()))
                    .to(config.require(PASSTHROUGH_TOPIC), produced.withName("write-" + family.id()));
        }
        return new KafkaStreams(builder.build(), config.streamsProperties());
    }

    /**
     * The lifecycle's peer, what a user would write instead: the six branch topics grouped by key and
     * reduced to the latest report of every run, materialized with a changelog, and every change written
     * out. With Kafka Streams' own commit interval and cache (a plain application), or, {@code tuned},
     * with the lifecycle's settings (its longer commit interval lets the cache fold more reports).
     */
    private static KafkaStreams peer(RunStatusConfig config, boolean tuned) {
        StreamsBuilder builder = new StreamsBuilder();
        List<String> branches = stages(PEER, config).get(0).inputs();
        builder.stream(branches, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-branches"))
                .groupByKey(Grouped.with("by-run", Serdes.ByteArray(), Serdes.ByteArray()))
                .reduce((older, newer) -> newer, Named.as("keep-latest"),
                        Materialized.<byte[], byte[], KeyValueStore<Bytes, byte[]>>as(PEER_STORE)
                                .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.ByteArray()))
                .toStream(Named.as("changes"))
                .to(config.require(PASSTHROUGH_TOPIC), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write-latest"));
        Properties properties = config.lifecycleStreamsProperties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.require(StreamsConfig.APPLICATION_ID_CONFIG));
        if (!tuned) {
            properties.remove(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
            properties.remove(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
        }
        return new KafkaStreams(builder.build(), properties);
    }

    private static KafkaStreams passthrough(RunStatusConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(stages(PASSTHROUGH, config).get(0).inputs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("read-inputs"))
                .to(config.require(PASSTHROUGH_TOPIC), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write-output"));
        return new KafkaStreams(builder.build(), config.streamsProperties());
    }
}
