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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * Everything runstatus needs on one machine, on 127.0.0.1 only: a Kafka broker, a schema registry with
 * the schemas it had when it last stopped, the topics, and the bundled schemas registered.
 *
 * <p>Starting locks the data directory and checks every port before anything starts. Closing saves the
 * registry's schemas, stops the registry, then the broker, then unlocks the directory. Closing may come
 * from another thread at any moment of start-up (a signal's shutdown hook): what has started is stopped,
 * and what has not will not start.
 */
public final class EmbeddedRuntime implements AutoCloseable {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_REGISTRY_PORT = 8081;

    /** The broker's, its controller's and the registry's ports. */
    public record Ports(int kafka, int controller, int registry) {

        /** The broker on {@code kafka}, its controller on the next port, as run's --kafka-port and --registry-port set them. */
        public static Ports of(int kafka, int registry) {
            return new Ports(kafka, kafka + 1, registry);
        }

        List<PortClaim> claims() {
            return List.of(new PortClaim(kafka, "the Kafka broker", "--kafka-port"),
                    new PortClaim(controller, "the Kafka controller", "--kafka-port (the controller takes the next port)"),
                    new PortClaim(registry, "the schema registry", "--registry-port"));
        }
    }

    /** The registry's schemas and ids, saved in the data directory between runs. */
    public static final String SNAPSHOT_FILE = "registry-snapshot.zip";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRuntime.class);

    private final Path dataDirectory;
    private final Ports ports;
    private final EmbeddedKafka kafka;
    private final EmbeddedRegistry registry;
    private final RegistrySnapshot snapshot;
    private final TopicNames topics;
    private DataDirectoryLock lock;
    private volatile boolean snapshotRestored;
    private volatile boolean closed;
    private List<String> createdTopics = List.of();
    private Map<String, Integer> schemaIds = Map.of();

    public EmbeddedRuntime(Path dataDirectory, Ports ports, TopicNames topics) {
        this.dataDirectory = dataDirectory;
        this.ports = ports;
        this.kafka = new EmbeddedKafka(dataDirectory, ports.kafka(), ports.controller());
        this.registry = new EmbeddedRegistry(EmbeddedRegistry.locateHome(), dataDirectory, ports.registry());
        this.snapshot = new RegistrySnapshot(registry.adminUrl(), dataDirectory.resolve(SNAPSHOT_FILE));
        this.topics = topics;
    }

    public void start() throws IOException, InterruptedException, ExecutionException {
        start(List.of());
    }

    /**
     * Locks the data directory, checks that the runtime's ports and {@code alsoFree} are free, then starts
     * the broker and the registry and prepares topics and schemas. On any failure, and on a close from
     * another thread (then {@link CancellationException}), whatever had started is stopped.
     */
    public void start(List<PortClaim> alsoFree) throws IOException, InterruptedException, ExecutionException {
        synchronized (this) {
            if (closed) {
                throw new CancellationException("stopping; the embedded runtime was not started");
            }
            lock = DataDirectoryLock.acquire(dataDirectory);
        }
        try {
            List<PortClaim> claims = new ArrayList<>(ports.claims());
            claims.addAll(alsoFree);
            PortClaim.requireFree(claims);
            kafka.start();
            LOG.info("Kafka broker listening on {} (pid {})", kafka.bootstrapServers(), kafka.pid().orElse(-1L));
            registry.start();
            LOG.info("Schema registry listening on {} (pid {})", registry.url(), registry.pid().orElse(-1L));
            snapshot.restore();
            snapshotRestored = true;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                createdTopics = TopicCreator.createMissing(admin, topics, TopicPlan.DEFAULT_PARTITIONS, (short) 1);
            }
            requireOpen();
            schemaIds = new SchemaPublisher(SchemaRegistries.connect(RegistrySettings.defaults(registry.url())), topics,
                    SchemaCatalog.bundled()).registerAll();
            snapshot.save();
            snapshot.saveEvery(RegistrySnapshot.EVERY);
        } catch (IOException | InterruptedException | ExecutionException | RuntimeException e) {
            boolean closedByAnotherThread = closed;
            close();
            if (closedByAnotherThread && !(e instanceof CancellationException)) {
                CancellationException cancelled = new CancellationException("stopping; the embedded runtime's start-up was cut short");
                cancelled.initCause(e);
                throw cancelled;
            }
            throw e;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new CancellationException("stopping; the embedded runtime's start-up was cut short");
        }
    }

    public Path dataDirectory() {
        return dataDirectory;
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

    /** Saves the registry's schemas (once they were restored: never an empty registry over the saved ones), stops both servers, unlocks. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (snapshotRestored) {
            snapshot.close();
            LOG.info("Saved the schema registry's export to {}", dataDirectory.resolve(SNAPSHOT_FILE));
        }
        Optional<Long> registryPid = registry.pid();
        registry.close();
        registryPid.ifPresent(pid -> LOG.info("Stopped the schema registry (pid {})", pid));
        Optional<Long> kafkaPid = kafka.pid();
        kafka.close();
        kafkaPid.ifPresent(pid -> LOG.info("Stopped the Kafka broker (pid {})", pid));
        unlock();
    }

    private synchronized void unlock() {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.warn("Could not release the lock on {}: {}", dataDirectory, e.toString());
            }
        }
    }
}
