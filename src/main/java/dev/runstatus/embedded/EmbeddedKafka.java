package dev.runstatus.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), run as kafka.Kafka in a
 * child JVM from Apache Kafka's own jars on this classpath. Listens on 127.0.0.1 only; keeps its log
 * segments under {@code <data dir>/kafka}, so topics survive restarts.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final ChildProcess process;

    public EmbeddedKafka(Path dataDirectory, int port, int controllerPort) {
        this.directory = dataDirectory.resolve("kafka");
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = new ChildProcess("kafka", dataDirectory);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public void start() throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path properties = directory.resolve("server.properties");
        writeServerProperties(properties);
        if (!Files.exists(directory.resolve("logs").resolve("meta.properties"))) {
            ChildProcess.runToCompletion(ChildProcess.java(List.of("-cp", ChildProcess.classpath(), "kafka.tools.StorageTool",
                    "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString())), process.logFile(), START_TIMEOUT);
        }
        process.start(ChildProcess.java(List.of("-Xmx512m", "-cp", ChildProcess.classpath(), "kafka.Kafka", properties.toString())));
        awaitReady();
    }

    public void stop() {
        process.stop(STOP_GRACE);
    }

    @Override
    public void close() {
        stop();
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
                Map.entry("log.dirs", directory.resolve("logs").toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "3"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "3"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            server.store(writer, "written by runstatus at every start");
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.alive()) {
                    throw new IOException("the Kafka broker exited during start-up; see " + process.logFile());
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
        }
        stop();
        throw new IOException("the Kafka broker did not start within " + START_TIMEOUT + "; see " + process.logFile());
    }
}
