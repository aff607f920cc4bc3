package dev.runstatus.embedded;

import dev.runstatus.config.TopicNames;
import dev.runstatus.ops.SchemaPublisher;
import dev.runstatus.ops.TopicCreator;
import dev.runstatus.ops.TopicPlan;
import dev.runstatus.registry.RegistrySettings;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.schema.SchemaCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Everything runstatus needs on one machine, on 127.0.0.1 only: a Kafka broker, a schema registry with
 * the schemas it had when it last stopped, the topics, and the bundled schemas registered. Closing saves
 * the registry's schemas, stops the registry, then the broker.
 */
public final class EmbeddedRuntime implements AutoCloseable {

    /** Default ports, those of a stock Kafka and Schema Registry. */
    public record Ports(int kafka, int controller, int registry) {
        public static Ports defaults() {
            return new Ports(9092, 9093, 8081);
        }

        /** Three loopback ports free at the moment of asking, for runtimes beside others (tests, the benchmark). */
        public static Ports free() {
            return new Ports(freeLoopbackPort(), freeLoopbackPort(), freeLoopbackPort());
        }

        public static int freeLoopbackPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The registry's schemas and ids, saved in the data directory between runs. */
    public static final String SNAPSHOT_FILE = "registry-snapshot.zip";

    private final EmbeddedKafka kafka;
    private final EmbeddedRegistry registry;
    private final RegistrySnapshot snapshot;
    private final TopicNames topics;
    private final Optional<Path> deletedOnClose;
    private List<String> createdTopics = List.of();
    private Map<String, Integer> schemaIds = Map.of();

    public EmbeddedRuntime(Path dataDirectory, Ports ports, TopicNames topics) {
        this(dataDirectory, ports, topics, Optional.empty());
    }

    private EmbeddedRuntime(Path dataDirectory, Ports ports, TopicNames topics, Optional<Path> deletedOnClose) {
        this.deletedOnClose = deletedOnClose;
        this.kafka = new EmbeddedKafka(dataDirectory, ports.kafka(), ports.controller());
        this.registry = new EmbeddedRegistry(EmbeddedRegistry.locateHome(), dataDirectory, ports.registry());
        this.snapshot = new RegistrySnapshot(registry.adminUrl(), dataDirectory.resolve(SNAPSHOT_FILE));
        this.topics = topics;
    }

    /**
     * A runtime in a new directory under {@code parent} that closing deletes, data and all: for tests and
     * the benchmark, whose brokers write gigabytes that nobody reads again.
     */
    public static EmbeddedRuntime throwaway(Path parent, Ports ports, TopicNames topics) throws IOException {
        Path directory = Files.createTempDirectory(Files.createDirectories(parent), "runtime");
        return new EmbeddedRuntime(directory, ports, topics, Optional.of(directory));
    }

    public void start() throws IOException, InterruptedException, ExecutionException {
        kafka.start();
        try {
            registry.start();
            snapshot.restore();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                createdTopics = TopicCreator.createMissing(admin, topics, TopicPlan.DEFAULT_PARTITIONS, (short) 1);
            }
            schemaIds = new SchemaPublisher(SchemaRegistries.connect(RegistrySettings.defaults(registry.url())), topics,
                    SchemaCatalog.bundled()).registerAll();
            snapshot.save();
            snapshot.saveEvery(RegistrySnapshot.EVERY);
        } catch (IOException | InterruptedException | ExecutionException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedRegistry registry() {
        return registry;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public URI registryUrl() {
        return registry.url();
    }

    public List<String> createdTopics() {
        return createdTopics;
    }

    public Map<String, Integer> schemaIds() {
        return schemaIds;
    }

    @Override
    public void close() {
        if (registry.running()) {
            snapshot.close();
        }
        registry.stop();
        kafka.stop();
        deletedOnClose.ifPresent(EmbeddedRuntime::deleteTree);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the runtime's directory " + root, e);
        }
    }
}
