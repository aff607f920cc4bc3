package dev.runstatus.bench;

import dev.runstatus.config.TopicNames;
import dev.runstatus.embedded.EmbeddedRuntime;
import dev.runstatus.embedded.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** The embedded broker and registry the whole benchmark runs against, on free loopback ports. */
final class BenchCluster implements AutoCloseable {

    private static final String BROKER_MAIN_CLASS = "kafka.Kafka";

    private final Path directory;
    private final EmbeddedRuntime runtime;
    private final Admin admin;
    private final InputProgress progress;
    private final long brokerPid;

    /** Under {@code work}, in a directory of its own that closing deletes: a full run writes up to about 15 GB there. */
    BenchCluster(Path work) throws IOException, InterruptedException, ExecutionException {
        directory = Files.createTempDirectory(Files.createDirectories(work), "runtime");
        runtime = new EmbeddedRuntime(directory, FreePorts.forRuntime(), TopicNames.defaults());
        runtime.start();
        try {
            brokerPid = ProcessHandle.current().descendants().filter(BenchCluster::isBroker).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no broker JVM (" + BROKER_MAIN_CLASS + ") among this JVM's descendants"))
                    .pid();
        } catch (RuntimeException e) {
            runtime.close();
            ThroughputTrial.delete(directory);
            throw e;
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()));
        progress = new InputProgress(admin);
    }

    /**
     * The broker's JVM, not the script that supervises it (whose arguments name the main class too). From
     * /proc: ProcessHandle.Info gives no arguments for a command line as long as the broker's classpath.
     */
    private static boolean isBroker(ProcessHandle process) {
        try {
            String commandLine = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"), StandardCharsets.UTF_8);
            List<String> arguments = Arrays.asList(commandLine.split("\0"));
            return !arguments.isEmpty() && arguments.get(0).endsWith("java") && arguments.contains(BROKER_MAIN_CLASS);
        } catch (IOException e) {
            return false;
        }
    }

    /** The broker's process, whose CPU time the runs report beside the application's. */
    long brokerPid() {
        return brokerPid;
    }

    String bootstrapServers() {
        return runtime.bootstrapServers();
    }

    String registryUrl() {
        return runtime.registryUrl().toString();
    }

    void createTopics(Collection<String> names) throws ExecutionException, InterruptedException {
        admin.createTopics(names.stream().map(name -> new NewTopic(name, 1, (short) 1)).toList()).all().get();
    }

    void deleteTopics(Collection<String> names) throws ExecutionException, InterruptedException {
        admin.deleteTopics(names).all().get();
    }

    /** Deletes the internal topics of an application (changelogs, repartition topics): those named after its id. */
    void deleteInternalTopics(String applicationId) throws ExecutionException, InterruptedException {
        List<String> internal = admin.listTopics().names().get().stream().filter(name -> name.startsWith(applicationId + "-")).toList();
        try {
            admin.deleteTopics(internal).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    /** How far a consumer group has read, asked with this cluster's admin client. */
    InputProgress progress() {
        return progress;
    }

    @Override
    public void close() throws IOException {
        admin.close();
        runtime.close();
        ThroughputTrial.delete(directory);
    }
}
