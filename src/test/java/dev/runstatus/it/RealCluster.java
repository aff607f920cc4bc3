package dev.runstatus.it;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.embedded.EmbeddedRuntime;
import dev.runstatus.embedded.FreePorts;
import dev.runstatus.ops.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One real Kafka broker and one real Apicurio registry on 127.0.0.1, started once for all integration
 * tests through the production embedded runtime, in target/it-cluster, and stopped and deleted when the
 * test JVM exits. Each test works in its own topics, named with its own prefix.
 */
final class RealCluster {

    private static EmbeddedRuntime runtime;

    private RealCluster() {
    }

    static synchronized EmbeddedRuntime runtime() {
        if (runtime == null) {
            try {
                Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-cluster")), "runtime");
                EmbeddedRuntime started = new EmbeddedRuntime(directory, FreePorts.forRuntime(), TopicNames.defaults());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    deleteTree(directory);
                }));
                started.start();
                runtime = started;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the real cluster", e);
            }
        }
        return runtime;
    }

    /** The broker writes gigabytes over the suite that nobody reads again. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test cluster's directory " + root, e);
        }
    }

    /** Configuration for a pipeline of its own: its own application id and topics, on the shared cluster. */
    static Map<String, String> settingsFor(String prefix) {
        Map<String, String> settings = new HashMap<>();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, runtime().bootstrapServers());
        settings.put(ConfigKeys.SCHEMA_REGISTRY_URL, runtime().registryUrl().toString());
        settings.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, "true");
        settings.put(ConfigKeys.HTTP_HOST, "127.0.0.1");
        settings.put(ConfigKeys.HTTP_PORT, "0");
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "runstatus");
        for (Topic topic : Topic.values()) {
            settings.put(topic.configKey(), prefix + topic.defaultName());
        }
        return settings;
    }

    static RunStatusConfig config(Map<String, String> settings) {
        return RunStatusConfig.load(Optional.empty(), Map.of(), settings);
    }

    static void createTopics(RunStatusConfig config) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, runtime().bootstrapServers()))) {
            TopicCreator.createMissing(admin, config.topics(), 3, (short) 1);
        }
    }
}
