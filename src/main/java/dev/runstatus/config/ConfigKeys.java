package dev.runstatus.config;

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

    public static final String MAX_DOCUMENT_BYTES = "runstatus.max.document.bytes";
    public static final String MAX_NESTING_DEPTH = "runstatus.max.nesting.depth";
    public static final String MAX_NUMBER_LENGTH = "runstatus.max.number.length";
    /** The largest output record (key, value and headers) sent; larger ones are dead-lettered, not sent. */
    public static final String MAX_OUTPUT_RECORD_BYTES = "runstatus.max.output.record.bytes";

    /** The address and port of the metrics and health endpoints; port 0 takes any free port. */
    public static final String HTTP_HOST = "runstatus.http.host";
    public static final String HTTP_PORT = "runstatus.http.port";

    /** One log level for runstatus and Kafka together (ERROR, WARN, INFO, DEBUG); the option --log-level overrides it. */
    public static final String LOG_LEVEL = "runstatus.log.level";

    /** A directory of .avsc files to validate and encode with instead of the bundled schemas (a schema upgrade). */
    public static final String SCHEMAS_DIR = "runstatus.schemas.dir";

    /** Set by a dry run: the exception handlers count dead letters but send none; not a setting. */
    public static final String DISCARD_OUTPUTS = "runstatus.internal.discard-outputs";

    /** Where the running pipeline hands its meters to the exception handlers that Kafka Streams creates; not a setting. */
    public static final String PIPELINE_METRICS = "runstatus.internal.pipeline-metrics";

    /** Environment variables with this prefix become configuration keys: RUNSTATUS_BOOTSTRAP_SERVERS is bootstrap.servers. */
    public static final String ENVIRONMENT_PREFIX = "RUNSTATUS_";

    private ConfigKeys() {
    }
}
