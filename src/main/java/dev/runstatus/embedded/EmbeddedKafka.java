package dev.runstatus.embedded;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), run as kafka.Kafka in a
 * child JVM from Apache Kafka's own jars on this classpath. Listens on 127.0.0.1 only; keeps its log
 * segments under {@code <data dir>/kafka}, so topics survive restarts.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** What kafka.server.KafkaRaftServer logs once the broker listens, at INFO in the broker's own logging configuration. */
    private static final String STARTED = "Kafka Server started";
    private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";
    private static final String LOGGING = "dev/runstatus/embedded/kafka-logback.xml";

    /**
     * What a cluster of one node needs besides its listeners: internal topics with one replica, a few
     * partitions each, topics created by runstatus only, and no wait for more members before a first rebalance.
     */
    public static final Map<String, String> SINGLE_NODE = Map.ofEntries(
            Map.entry("num.partitions", "3"),
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "3"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "3"),
            Map.entry("min.insync.replicas", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"));

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final ChildProcess process;

    public EmbeddedKafka(Path dataDirectory, int port, int controllerPort) {
        this.directory = dataDirectory.resolve("kafka");
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = new ChildProcess("kafka", "the Kafka broker", dataDirectory);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Optional<Long> pid() {
        return process.pid();
    }

    public Path logFile() {
        return process.logFile();
    }

    public void start() throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path properties = directory.resolve("server.properties");
        writeServerProperties(properties);
        if (!Files.exists(directory.resolve("logs").resolve("meta.properties"))) {
            process.runTool(ChildProcess.java(List.of("-cp", ChildProcess.classpath(), "kafka.tools.StorageTool",
                    "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString())), START_TIMEOUT);
        }
        process.start(ChildProcess.java(List.of("-Xmx512m", "-D" + LOGBACK_CONFIGURATION + "=" + LOGGING, "-cp", ChildProcess.classpath(),
                "kafka.Kafka", properties.toString())));
        awaitReady();
    }

    public void stop() {
        process.stop(STOP_GRACE);
    }

    /** Stops the server for good, cutting a start in progress short. */
    @Override
    public void close() {
        process.close(STOP_GRACE);
    }

    private void writeServerProperties(Path file) throws IOException {
        Properties server = new Properties();
        server.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", directory.resolve("logs").toString())));
        server.putAll(SINGLE_NODE);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            server.store(writer, "written by runstatus at every start");
        }
    }

    /** Ready once the broker has logged that it started: it listens, so no client meets a closed port and warns. */
    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!process.loggedSinceStart(STARTED)) {
            process.requireStarting();
            if (Instant.now().isAfter(deadline)) {
                stop();
                throw new IOException("the Kafka broker did not start within " + START_TIMEOUT + "; see " + process.logFile());
            }
            Thread.sleep(100);
        }
    }
}
