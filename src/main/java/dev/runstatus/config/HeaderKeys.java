package dev.runstatus.config;

import java.util.List;

/** Every record header runstatus reads or writes. */
public final class HeaderKeys {

    /** On input: names the family of the document ("run-result" or "auth-session-result"), overriding the topic. */
    public static final String FAMILY = "runstatus.family";

    /** Kafka Streams' own dead-letter headers (KIP-1034), so that tooling built for them reads ours. */
    public static final String STREAMS_EXCEPTION = "__streams.errors.exception";
    public static final String STREAMS_MESSAGE = "__streams.errors.message";
    public static final String STREAMS_STACKTRACE = "__streams.errors.stacktrace";
    public static final String STREAMS_TOPIC = "__streams.errors.topic";
    public static final String STREAMS_PARTITION = "__streams.errors.partition";
    public static final String STREAMS_OFFSET = "__streams.errors.offset";

    /** What Kafka Streams' headers lack: which stage failed, a stable reason code, and the details. */
    public static final String ERROR_STAGE = "runstatus.error.stage";
    public static final String ERROR_REASON = "runstatus.error.reason";
    public static final String ERROR_VIOLATIONS = "runstatus.error.violations";
    public static final String ERROR_FAMILY = "runstatus.error.family";
    public static final String ERROR_PIPELINE_VERSION = "runstatus.error.pipeline-version";

    /** Every header a dead-letter record gains; any already on the input are replaced, so none accumulate. */
    public static final List<String> DEAD_LETTER_HEADERS = List.of(
            STREAMS_EXCEPTION, STREAMS_MESSAGE, STREAMS_STACKTRACE, STREAMS_TOPIC, STREAMS_PARTITION, STREAMS_OFFSET,
            ERROR_STAGE, ERROR_REASON, ERROR_VIOLATIONS, ERROR_FAMILY, ERROR_PIPELINE_VERSION);

    /**
     * Provenance, on every output record (branches, extended payloads, dead letters): where its input was
     * read, the input's timestamp, the pipeline version, and the schema id of the value (not on dead
     * letters, whose value is the input's bytes). A pure function of the input record and the version.
     */
    public static final String SOURCE_TOPIC = "runstatus.source.topic";
    public static final String SOURCE_PARTITION = "runstatus.source.partition";
    public static final String SOURCE_OFFSET = "runstatus.source.offset";
    public static final String SOURCE_TIMESTAMP = "runstatus.source.timestamp";
    public static final String PIPELINE_VERSION = "runstatus.pipeline.version";
    public static final String SCHEMA_ID = "runstatus.schema.id";
    /** On an extended-payload record: its position in the parent's extendedPayloads array. */
    public static final String EXTENDED_PAYLOAD_INDEX = "runstatus.extended-payload.index";

    /** On a redriven input record: the dead letter it was sent from ("topic/partition@offset"), and how many redrives it has had. */
    public static final String REDRIVE_FROM = "runstatus.redrive.from";
    public static final String REDRIVE_COUNT = "runstatus.redrive.count";

    /** Replaced on every output, so that a reprocessed or redriven record never carries two sets. */
    public static final List<String> PROVENANCE_HEADERS = List.of(SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET,
            SOURCE_TIMESTAMP, PIPELINE_VERSION, SCHEMA_ID, EXTENDED_PAYLOAD_INDEX);

    private HeaderKeys() {
    }
}
