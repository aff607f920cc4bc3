package dev.runstatus.metrics;

/**
 * runstatus's own meters, in Micrometer's dotted form. Prometheus sees them with underscores, counters
 * with a {@code _total} suffix and the latency timer in seconds: {@code runstatus.records.in} is
 * {@code runstatus_records_in_total}, {@code runstatus.end.to.end.latency} is
 * {@code runstatus_end_to_end_latency_seconds_bucket|_count|_sum}.
 */
public final class MetricNames {

    public static final String RECORDS_IN = "runstatus.records.in";
    public static final String RECORDS_OUT = "runstatus.records.out";
    public static final String DEAD_LETTERS = "runstatus.dead.letters";
    public static final String VALIDATION_VIOLATIONS = "runstatus.validation.violations";
    public static final String UNKNOWN_KEYS = "runstatus.unknown.keys";
    public static final String END_TO_END_LATENCY = "runstatus.end.to.end.latency";
    public static final String PIPELINE_STATE = "runstatus.pipeline.state";
    public static final String FAILURES = "runstatus.failures";
    public static final String THREAD_REPLACEMENTS = "runstatus.stream.thread.replacements";
    public static final String BLOCKED = "runstatus.blocked";
    public static final String DEPENDENCY_UP = "runstatus.dependency.up";
    public static final String LIFECYCLE_REPORTS = "runstatus.lifecycle.reports";
    public static final String LIFECYCLE_EVENTS = "runstatus.lifecycle.events";
    public static final String LIFECYCLE_RUN_DURATION = "runstatus.lifecycle.run.duration";
    public static final String LIFECYCLE_REPORTS_PER_RUN = "runstatus.lifecycle.reports.per.run";
    public static final String LIFECYCLE_RUNS_IN_FLIGHT = "runstatus.lifecycle.runs.in.flight";

    public static final String TAG_FAMILY = "family";
    public static final String TAG_TOPIC = "topic";
    public static final String TAG_STAGE = "stage";
    public static final String TAG_REASON = "reason";
    public static final String TAG_PATH = "path";
    public static final String TAG_OUTPUT = "output";
    public static final String TAG_STATE = "state";
    public static final String TAG_CLASS = "class";
    public static final String TAG_CAUSE = "cause";
    public static final String TAG_DEPENDENCY = "dependency";
    public static final String TAG_TRANSITION = "transition";
    public static final String TAG_KIND = "kind";
    public static final String TAG_STATUS = "status";
    /** The Kafka Streams application a meter belongs to: routing or lifecycle. */
    public static final String TAG_ROLE = "role";

    /** The family tag of a record whose family could not be told. */
    public static final String UNKNOWN_FAMILY = "unknown";

    private MetricNames() {
    }
}
