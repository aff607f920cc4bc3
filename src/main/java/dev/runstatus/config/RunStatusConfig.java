package dev.runstatus.config;

import dev.runstatus.json.JsonLimits;
import dev.runstatus.registry.RegistrySettings;
import dev.runstatus.schema.SchemaCatalog;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Configuration in layers, each overriding the one before: built-in defaults, then a properties file,
 * then RUNSTATUS_* environment variables, then command-line options.
 */
public final class RunStatusConfig {

    /** How often Kafka Streams commits, under either guarantee, unless set. */
    public static final String DEFAULT_COMMIT_INTERVAL_MS = "50";
    /** How often the lifecycle application commits, unless set. */
    public static final String DEFAULT_LIFECYCLE_COMMIT_INTERVAL_MS = "1000";
    /** The lifecycle's store cache, all its stores together, unless set. */
    public static final String DEFAULT_LIFECYCLE_CACHE_BYTES = Long.toString(1024 * 1024);
    /**
     * A lifecycle task reads a family's three branch topics and judges each report against the state
     * before it, so it must take them in timestamp order: it waits this long for a partition it has no
     * data from yet, rather than going on without it (Kafka Streams' default, 0, does not wait for
     * partitions not yet fetched, as after a start or a rebalance).
     */
    public static final String DEFAULT_LIFECYCLE_MAX_TASK_IDLE_MS = "1000";
    /** The suffix of the lifecycle application's id: {@code runstatus} has {@code runstatus-lifecycle}. */
    public static final String LIFECYCLE_APPLICATION_SUFFIX = "-lifecycle";

    private final Map<String, String> values;
    private final List<String> warnings;

    private RunStatusConfig(Map<String, String> values, List<String> warnings) {
        this.values = Collections.unmodifiableMap(values);
        this.warnings = List.copyOf(warnings);
    }

    public static RunStatusConfig load(Optional<Path> file, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> values = new TreeMap<>(defaults());
        List<String> warnings = new ArrayList<>();
        file.ifPresent(path -> {
            Map<String, String> fromFile = readProperties(path);
            fromFile.keySet().forEach(key -> KnownKeys.warning(key, "in " + path).ifPresent(warnings::add));
            values.putAll(fromFile);
        });
        environment.keySet().stream().filter(RunStatusConfig::isSetting).sorted().forEach(name ->
                KnownKeys.warning(keyOf(name), "from " + name).ifPresent(warnings::add));
        values.putAll(fromEnvironment(environment));
        values.putAll(overrides);
        return new RunStatusConfig(values, warnings);
    }

    /** Keys in the file or the environment that neither runstatus nor Kafka knows, each with the key it probably meant. */
    public List<String> warnings() {
        return warnings;
    }

    public static Map<String, String> defaults() {
        Map<String, String> defaults = new TreeMap<>();
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, "runstatus");
        defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        defaults.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        defaults.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        // A failed stream thread is replaced by a new group member; the old one is only evicted after the
        // session timeout, so a short one shortens recovery from a registry outage or a refused dead letter.
        defaults.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000");
        // Streams' default 16 KiB producer batches hold only a few documents: larger batches raise
        // throughput (figures in bench/README.md), and a short linger keeps latency low between commits.
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "262144");
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        // Under exactly-once an output is readable only once its transaction commits, so a commit interval
        // below Kafka's 100 ms lowers the end-to-end latency (figures in bench/README.md).
        defaults.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL_MS);
        defaults.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, "false");
        defaults.put(ConfigKeys.MAX_DOCUMENT_BYTES, String.valueOf(JsonLimits.DEFAULT_MAX_DOCUMENT_BYTES));
        defaults.put(ConfigKeys.MAX_NESTING_DEPTH, String.valueOf(JsonLimits.DEFAULT_MAX_NESTING_DEPTH));
        defaults.put(ConfigKeys.MAX_NUMBER_LENGTH, String.valueOf(JsonLimits.DEFAULT_MAX_NUMBER_LENGTH));
        defaults.put(ConfigKeys.MAX_OUTPUT_RECORD_BYTES, String.valueOf(PipelineSettings.DEFAULT_MAX_OUTPUT_RECORD_BYTES));
        defaults.put(ConfigKeys.HTTP_HOST, "0.0.0.0");
        defaults.put(ConfigKeys.HTTP_PORT, "9464");
        defaults.put(ConfigKeys.CONNECT_TIMEOUT_MS, "15000");
        defaults.put(ConfigKeys.STALL_TIMEOUT_MS, "60000");
        defaults.put(ConfigKeys.HEALTH_CHECK_INTERVAL_MS, "5000");
        defaults.put(ConfigKeys.REGISTRY_CHECK_INTERVAL_MS, "30000");
        defaults.put(ConfigKeys.THREAD_REPLACEMENTS_MAX, "5");
        defaults.put(ConfigKeys.THREAD_REPLACEMENTS_WINDOW_MS, "600000");
        defaults.put(ConfigKeys.ROLE, Role.ALL.id());
        defaults.put(ConfigKeys.LIFECYCLE_ENABLED, "true");
        defaults.put(ConfigKeys.LIFECYCLE_APPLICATION_ID, "");
        // The lifecycle's outputs are states, not events: a longer interval lets the store's cache fold a
        // run's reports into one write, and costs the status topics only their freshness.
        defaults.put(ConfigKeys.LIFECYCLE_STREAMS_PREFIX + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_LIFECYCLE_COMMIT_INTERVAL_MS);
        // Big enough for the runs a commit interval sees again; Kafka Streams' 10 MiB spends more keeping
        // its sorted map than it saves on writes (bench/README.md).
        defaults.put(ConfigKeys.LIFECYCLE_STREAMS_PREFIX + StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, DEFAULT_LIFECYCLE_CACHE_BYTES);
        defaults.put(ConfigKeys.LIFECYCLE_STREAMS_PREFIX + StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, DEFAULT_LIFECYCLE_MAX_TASK_IDLE_MS);
        defaults.put(ConfigKeys.LIFECYCLE_STALL_AFTER_MS, Long.toString(Duration.ofMinutes(30).toMillis()));
        defaults.put(ConfigKeys.LIFECYCLE_RETENTION_MS, Long.toString(Duration.ofDays(7).toMillis()));
        defaults.put(ConfigKeys.LIFECYCLE_ABANDON_AFTER_MS, Long.toString(Duration.ofDays(30).toMillis()));
        defaults.put(ConfigKeys.LIFECYCLE_SCAN_INTERVAL_MS, Long.toString(Duration.ofMinutes(1).toMillis()));
        defaults.put(ConfigKeys.LIFECYCLE_STORE_MEMORY_BYTES, Long.toString(64L * 1024 * 1024));
        defaults.put(ConfigKeys.QUERY_THREADS, "8");
        defaults.put(ConfigKeys.QUERY_QUEUE, "64");
        defaults.put(ConfigKeys.QUERY_DEADLINE_MS, "2000");
        defaults.put(ConfigKeys.QUERY_AUTH_TOKEN_FILE, "");
        return defaults;
    }

    /** RUNSTATUS_SCHEMA_REGISTRY_URL is schema.registry.url; "__" stands for "-" (RUN__RESULTS is run-results). */
    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (isSetting(name)) {
                values.put(keyOf(name), value);
            }
        });
        return values;
    }

    private static boolean isSetting(String environmentName) {
        return environmentName.startsWith(ConfigKeys.ENVIRONMENT_PREFIX) && environmentName.length() > ConfigKeys.ENVIRONMENT_PREFIX.length();
    }

    private static String keyOf(String environmentName) {
        return environmentName.substring(ConfigKeys.ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace("__", "-")
                .replace('_', '.');
    }

    private static Map<String, String> readProperties(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration file " + path, e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).trim()));
        return values;
    }

    /** This configuration with {@code overrides} on top, as options would be. */
    public RunStatusConfig with(Map<String, String> overrides) {
        Map<String, String> layered = new TreeMap<>(values);
        layered.putAll(overrides);
        return new RunStatusConfig(layered, warnings);
    }

    public Map<String, String> values() {
        return values;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(value -> !value.isBlank());
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException("missing configuration: " + key
                + " (set it in the properties file, as " + environmentName(key) + ", or with its option)"));
    }

    public TopicNames topics() {
        return TopicNames.from(values);
    }

    public PipelineSettings pipelineSettings() {
        JsonLimits limits = new JsonLimits(intValue(ConfigKeys.MAX_DOCUMENT_BYTES), intValue(ConfigKeys.MAX_NESTING_DEPTH),
                intValue(ConfigKeys.MAX_NUMBER_LENGTH));
        return new PipelineSettings(topics(), limits, Boolean.parseBoolean(require(ConfigKeys.AUTO_REGISTER_SCHEMAS)),
                intValue(ConfigKeys.MAX_OUTPUT_RECORD_BYTES));
    }

    /**
     * Everything the routing's Kafka Streams and its clients get: all keys but the lifecycle's own, the
     * routing's own ({@link ConfigKeys#ROUTING_STREAMS_PREFIX}) on top, and the dead-letter topic Streams'
     * handlers use.
     */
    public Properties streamsProperties() {
        Properties properties = streamsProperties(ConfigKeys.ROUTING_STREAMS_PREFIX);
        properties.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics().name(Topic.DEAD_LETTER));
        return properties;
    }

    /**
     * Everything the lifecycle's Kafka Streams and its clients get: all keys but the routing's own, the
     * lifecycle's own ({@link ConfigKeys#LIFECYCLE_STREAMS_PREFIX}) on top, under the lifecycle's application id.
     */
    public Properties lifecycleStreamsProperties() {
        Properties properties = streamsProperties(ConfigKeys.LIFECYCLE_STREAMS_PREFIX);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, lifecycleApplicationId());
        return properties;
    }

    private Properties streamsProperties(String ownPrefix) {
        Properties properties = new Properties();
        values.forEach((key, value) -> {
            if (!key.startsWith(ConfigKeys.ROUTING_STREAMS_PREFIX) && !key.startsWith(ConfigKeys.LIFECYCLE_STREAMS_PREFIX)) {
                properties.put(key, value);
            }
        });
        values.forEach((key, value) -> {
            if (key.startsWith(ownPrefix)) {
                properties.put(key.substring(ownPrefix.length()), value);
            }
        });
        return properties;
    }

    /** The lifecycle application's id: configured, or the routing's with {@value #LIFECYCLE_APPLICATION_SUFFIX}. */
    public String lifecycleApplicationId() {
        return get(ConfigKeys.LIFECYCLE_APPLICATION_ID)
                .orElseGet(() -> require(StreamsConfig.APPLICATION_ID_CONFIG) + LIFECYCLE_APPLICATION_SUFFIX);
    }

    /**
     * The Authorization header value the query API requires: {@code Bearer <token>} with the token read
     * from {@link ConfigKeys#QUERY_AUTH_TOKEN_FILE}; empty when none is configured.
     */
    public Optional<String> queryAuthorization() {
        return get(ConfigKeys.QUERY_AUTH_TOKEN_FILE).map(Path::of).map(file -> {
            String token;
            try {
                token = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the query API's token from " + file + " ("
                        + ConfigKeys.QUERY_AUTH_TOKEN_FILE + ")", e);
            }
            if (token.isEmpty()) {
                throw new IllegalArgumentException("the query API's token file " + file + " (" + ConfigKeys.QUERY_AUTH_TOKEN_FILE
                        + ") is empty");
            }
            return "Bearer " + token;
        });
    }

    /** Whether the lifecycle application is on at all ({@link ConfigKeys#LIFECYCLE_ENABLED}). */
    public boolean lifecycleEnabled() {
        String enabled = require(ConfigKeys.LIFECYCLE_ENABLED);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalArgumentException(ConfigKeys.LIFECYCLE_ENABLED + " must be true or false, not " + enabled);
        }
        return enabled.equals("true");
    }

    /** What {@code run} starts: the configured role, without the lifecycle when it is off. */
    public Role role() {
        Role role = Role.of(require(ConfigKeys.ROLE));
        if (lifecycleEnabled()) {
            return role;
        }
        if (role == Role.LIFECYCLE) {
            throw new IllegalArgumentException(ConfigKeys.ROLE + "=lifecycle needs " + ConfigKeys.LIFECYCLE_ENABLED + "=true");
        }
        return Role.ROUTING;
    }

    public static String environmentName(String key) {
        return ConfigKeys.ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace("-", "__").replace('.', '_');
    }

    public InetSocketAddress httpAddress() {
        return new InetSocketAddress(require(ConfigKeys.HTTP_HOST), intValue(ConfigKeys.HTTP_PORT));
    }

    /** How long a check of Kafka or the registry may take before a command gives up. */
    public Duration connectTimeout() {
        return millis(ConfigKeys.CONNECT_TIMEOUT_MS);
    }

    public Duration millis(String key) {
        long value = longValue(key);
        if (value < 0) {
            throw new IllegalArgumentException(key + " must not be negative, not " + value);
        }
        return Duration.ofMillis(value);
    }

    /** How to reach the schema registry: its URL, basic auth and TLS, retried within the connect timeout. */
    public RegistrySettings registrySettings() {
        return RegistryConfig.settings(this);
    }

    /** The schemas to validate and encode with: the configured directory (an upgrade), else the bundled ones. */
    public SchemaCatalog schemaCatalog() {
        return get(ConfigKeys.SCHEMAS_DIR).map(Path::of).map(SchemaCatalog::load).orElseGet(SchemaCatalog::bundled);
    }

    public int intValue(String key) {
        String value = require(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not " + value, e);
        }
    }

    private long longValue(String key) {
        String value = require(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not " + value, e);
        }
    }
}
