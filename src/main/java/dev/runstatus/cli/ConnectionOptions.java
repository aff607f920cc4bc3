package dev.runstatus.cli;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.embedded.EmbeddedRegistry;
import dev.runstatus.embedded.EmbeddedRuntime;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the operator commands connect: options first, then RUNSTATUS_* variables, then --config, then
 * the embedded runtime's default addresses. TLS, SASL and registry auth come from --config or the environment.
 */
final class ConnectionOptions {

    static final String EMBEDDED_BOOTSTRAP = "127.0.0.1:" + EmbeddedRuntime.DEFAULT_KAFKA_PORT;
    static final String EMBEDDED_REGISTRY = "http://127.0.0.1:" + EmbeddedRuntime.DEFAULT_REGISTRY_PORT + EmbeddedRegistry.CONFLUENT_API_PATH;

    @Option(names = {"-b", "--bootstrap-servers", "--bootstrap-server"}, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: the embedded broker, " + EMBEDDED_BOOTSTRAP + ").")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry URL (default: the embedded registry, " + EMBEDDED_REGISTRY + ").")
    String schemaRegistryUrl;

    @Mixin
    ConfigFile configFile;

    /** The layered configuration with these options, and then {@code more}, on top. */
    RunStatusConfig config(Map<String, String> more) {
        Map<String, String> overrides = new HashMap<>();
        Optional.ofNullable(bootstrapServers).ifPresent(value -> overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, value));
        Optional.ofNullable(schemaRegistryUrl).ifPresent(value -> overrides.put(ConfigKeys.SCHEMA_REGISTRY_URL, value));
        overrides.putAll(more);
        return configFile.load(overrides);
    }

    /** As {@link #config(Map)}, with the embedded runtime's addresses where nothing else names a cluster or registry. */
    RunStatusConfig config() {
        RunStatusConfig loaded = config(Map.of());
        Map<String, String> defaults = new HashMap<>();
        if (loaded.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG).isEmpty()) {
            defaults.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, EMBEDDED_BOOTSTRAP);
        }
        if (loaded.get(ConfigKeys.SCHEMA_REGISTRY_URL).isEmpty()) {
            defaults.put(ConfigKeys.SCHEMA_REGISTRY_URL, EMBEDDED_REGISTRY);
        }
        return loaded.with(defaults);
    }
}
