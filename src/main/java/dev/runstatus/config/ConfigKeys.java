package dev.runstatus.config;

import java.util.List;

/**
 * runstatus's own configuration keys. Kafka Streams and client keys (bootstrap.servers,
 * security.protocol, sasl.*, ssl.*, ...) pass through to Kafka unchanged.
 */
public final class ConfigKeys {

    public static final String TOPIC_PREFIX = "runstatus.topic.";

    /** The Confluent serializers' own names, so existing property files carry over. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** TLS to the registry, as Confluent's clients name it: a truststore for its certificate, a keystore for mutual TLS. */
    public static final String SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SCHEMA_REGISTRY_SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SCHEMA_REGISTRY_SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SCHEMA_REGISTRY_SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";

    public static final String MAX_DOCUMENT_BYTES = "runstatus.max.document.bytes";
    public static final String MAX_NESTING_DEPTH = "runstatus.max.nesting.depth";
    public static final String MAX_NUMBER_LENGTH = "runstatus.max.number.length";
    /** The largest output record (key, value and headers) sent; larger ones are dead-lettered, not sent. */
    public static final String MAX_OUTPUT_RECORD_BYTES = "runstatus.max.output.record.bytes";

    /** The address and port of the metrics and health endpoints; port 0 takes any free port. */
    public static final String HTTP_HOST = "runstatus.http.host";
    public static final String HTTP_PORT = "runstatus.http.port";

    /** A directory of .avsc files to validate and encode with instead of the bundled schemas (a schema upgrade). */
    public static final String SCHEMAS_DIR = "runstatus.schemas.dir";

    /** One log level for runstatus and Kafka together (ERROR, WARN, INFO, DEBUG); the option --log-level overrides it. */
    public static final String LOG_LEVEL = "runstatus.log.level";

    /** How long a check of the Kafka cluster or the registry may take before a command gives up (exit 2). */
    public static final String CONNECT_TIMEOUT_MS = "runstatus.connect.timeout.ms";
    /** How long a running instance may have input waiting and commit nothing before it is not ready ("stalled"). */
    public static final String STALL_TIMEOUT_MS = "runstatus.stall.timeout.ms";
    /** How often a running instance checks its lag, its commits and that its topics exist. */
    public static final String HEALTH_CHECK_INTERVAL_MS = "runstatus.health.check.interval.ms";
    /** How often a running instance checks that the registry still holds the schemas it writes with. */
    public static final String REGISTRY_CHECK_INTERVAL_MS = "runstatus.registry.check.interval.ms";
    /** A transient failure that replaces stream threads more often than this within the window is permanent. */
    public static final String THREAD_REPLACEMENTS_MAX = "runstatus.thread.replacements.max";
    public static final String THREAD_REPLACEMENTS_WINDOW_MS = "runstatus.thread.replacements.window.ms";

    /** Which Kafka Streams applications {@code run} starts: all (the default), routing or lifecycle. */
    public static final String ROLE = "runstatus.role";
    /** Keys under this prefix are Kafka Streams or client settings for the routing application only. */
    public static final String ROUTING_STREAMS_PREFIX = "runstatus.routing.streams.";
    /** Keys under this prefix are Kafka Streams or client settings for the lifecycle application only. */
    public static final String LIFECYCLE_STREAMS_PREFIX = "runstatus.lifecycle.streams.";

    /** Whether {@code run} keeps the state of every run from the branch topics (the lifecycle application). */
    public static final String LIFECYCLE_ENABLED = "runstatus.lifecycle.enabled";
    /** The lifecycle application's id: its consumer group, transactional ids and changelogs ({@code <application.id>-lifecycle} when empty). */
    public static final String LIFECYCLE_APPLICATION_ID = "runstatus.lifecycle.application.id";
    /** A run not terminal this long after its first report (wall clock against event time) is stalled. */
    public static final String LIFECYCLE_STALL_AFTER_MS = "runstatus.lifecycle.stall.after.ms";
    /** How long a terminal run stays in the store and on the status topic after its final status. */
    public static final String LIFECYCLE_RETENTION_MS = "runstatus.lifecycle.retention.ms";
    /** A run in flight with no report for this long is closed as abandoned and leaves the store. */
    public static final String LIFECYCLE_ABANDON_AFTER_MS = "runstatus.lifecycle.abandon.after.ms";
    /** How often each task scans its runs for the three bounds above. */
    public static final String LIFECYCLE_SCAN_INTERVAL_MS = "runstatus.lifecycle.scan.interval.ms";
    /** The off-heap memory (RocksDB cache and memtables) of all lifecycle stores of an instance together. */
    public static final String LIFECYCLE_STORE_MEMORY_BYTES = "runstatus.lifecycle.store.memory.bytes";

    /** Threads of the query API's pool for clients' queries, and as many for the queries other instances forward. */
    public static final String QUERY_THREADS = "runstatus.query.threads";
    /** Queries that may wait for a thread of each pool; one more is answered 503 at once. */
    public static final String QUERY_QUEUE = "runstatus.query.queue";
    /** How long a query may wait on the other instances (a list's fan-out, a run kept by another) before it answers 503. */
    public static final String QUERY_DEADLINE_MS = "runstatus.query.deadline.ms";
    /** A file holding the bearer token the query API requires (probes and metrics stay open); none when empty. */
    public static final String QUERY_AUTH_TOKEN_FILE = "runstatus.query.auth.token.file";

    /** Set by a dry run: the exception handlers count dead letters but send none; not a setting. */
    public static final String DISCARD_OUTPUTS = "runstatus.internal.discard-outputs";

    /** Where the running pipeline hands its meters to the exception handlers that Kafka Streams creates; not a setting. */
    public static final String PIPELINE_METRICS = "runstatus.internal.pipeline-metrics";

    /** Where the lifecycle hands the means to report an unreadable branch record to its exception handler; not a setting. */
    public static final String LIFECYCLE_FAULTS = "runstatus.internal.lifecycle-faults";

    /** Where the main consumer's interceptor finds the instance's record of the partitions it polled; not a setting. */
    public static final String INPUT_ASSIGNMENT = "runstatus.internal.input-assignment";

    /** Environment variables with this prefix become configuration keys: RUNSTATUS_BOOTSTRAP_SERVERS is bootstrap.servers. */
    public static final String ENVIRONMENT_PREFIX = "RUNSTATUS_";

    /** Every key above that a user may set (topic renames aside: {@link #TOPIC_PREFIX} and a topic's default name). */
    public static final List<String> SETTINGS = List.of(SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO,
            AUTO_REGISTER_SCHEMAS, SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION, SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD,
            SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE, SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION, SCHEMA_REGISTRY_SSL_KEYSTORE_PASSWORD,
            SCHEMA_REGISTRY_SSL_KEYSTORE_TYPE, SCHEMA_REGISTRY_SSL_KEY_PASSWORD, MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH,
            MAX_NUMBER_LENGTH, MAX_OUTPUT_RECORD_BYTES, HTTP_HOST, HTTP_PORT, SCHEMAS_DIR, LOG_LEVEL, CONNECT_TIMEOUT_MS,
            STALL_TIMEOUT_MS, HEALTH_CHECK_INTERVAL_MS, REGISTRY_CHECK_INTERVAL_MS, THREAD_REPLACEMENTS_MAX,
            THREAD_REPLACEMENTS_WINDOW_MS, ROLE, LIFECYCLE_ENABLED, LIFECYCLE_APPLICATION_ID, LIFECYCLE_STALL_AFTER_MS, LIFECYCLE_RETENTION_MS,
            LIFECYCLE_ABANDON_AFTER_MS, LIFECYCLE_SCAN_INTERVAL_MS, LIFECYCLE_STORE_MEMORY_BYTES, QUERY_THREADS, QUERY_QUEUE, QUERY_DEADLINE_MS,
            QUERY_AUTH_TOKEN_FILE);

    private ConfigKeys() {
    }
}
