package dev.runstatus.metrics;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.reader.Violation;
import dev.runstatus.schema.Family;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * runstatus's own meters. A record is counted out when it is handed to the producer; a task that is
 * retried after a failure (an aborted transaction under exactly-once) counts its records again.
 */
public final class PipelineMetrics {

    /** Violation paths kept as distinct labels before the rest are folded into one. */
    static final int MAX_PATH_LABELS = 500;

    private final MeterRegistry registry;
    private final Map<Family, Counter> recordsIn = new HashMap<>();
    private final Counter recordsInUnknown;
    private final Map<Family, Counter> unknownKeys = new HashMap<>();
    private final Map<Topic, Counter> recordsOut = new HashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Counter> violations = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final PathLabels paths = new PathLabels(MAX_PATH_LABELS);

    public PipelineMetrics(MeterRegistry registry, TopicNames topics) {
        this.registry = registry;
        for (Family family : Family.values()) {
            recordsIn.put(family, counter(MetricNames.RECORDS_IN, "Input records read, by document family",
                    MetricNames.TAG_FAMILY, family.id()));
            unknownKeys.put(family, counter(MetricNames.UNKNOWN_KEYS, "Object keys the schema does not name, by family",
                    MetricNames.TAG_FAMILY, family.id()));
        }
        recordsInUnknown = counter(MetricNames.RECORDS_IN, "Input records read, by document family",
                MetricNames.TAG_FAMILY, MetricNames.UNKNOWN_FAMILY);
        for (Topic topic : Topic.OUTPUTS) {
            recordsOut.put(topic, counter(MetricNames.RECORDS_OUT, "Records handed to the producer, by output topic",
                    MetricNames.TAG_TOPIC, topics.name(topic)));
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void recordIn(Family family) {
        (family == null ? recordsInUnknown : recordsIn.get(family)).increment();
    }

    /** Input records read so far, all families together. */
    public long recordsIn() {
        return (long) (recordsIn.values().stream().mapToDouble(Counter::count).sum() + recordsInUnknown.count());
    }

    public void recordsOut(Topic topic, int count) {
        recordsOut.get(topic).increment(count);
    }

    public void unknownKeys(Family family, int count) {
        if (count > 0) {
            unknownKeys.get(family).increment(count);
        }
    }

    public void violations(Family family, List<Violation> found) {
        for (Violation violation : found) {
            String path = paths.label(violation.path());
            violations.computeIfAbsent(family.id() + '\n' + path, key -> counter(MetricNames.VALIDATION_VIOLATIONS,
                    "Schema violations found, by family and field path (array indexes as *)",
                    MetricNames.TAG_FAMILY, family.id(), MetricNames.TAG_PATH, path)).increment();
        }
    }

    /** A dead-lettered record: counted by stage and reason, and as a record out to the dead-letter topic. */
    public void deadLettered(String stage, String reason) {
        deadLetters.computeIfAbsent(stage + '\n' + reason, key -> counter(MetricNames.DEAD_LETTERS,
                "Records sent to the dead-letter topic, by stage and reason",
                MetricNames.TAG_STAGE, stage, MetricNames.TAG_REASON, reason)).increment();
        recordsOut(Topic.DEAD_LETTER, 1);
    }

    /** Time from the input record's timestamp until its output is handed to the producer. */
    public void endToEnd(String output, long inputTimestampMillis, long nowMillis) {
        if (inputTimestampMillis < 0) {
            return;
        }
        latency.computeIfAbsent(output, name -> Timer.builder(MetricNames.END_TO_END_LATENCY)
                .description("Time from the input record's timestamp to its output, by output branch")
                .tag(MetricNames.TAG_OUTPUT, name)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry))
                .record(Math.max(0, nowMillis - inputTimestampMillis), TimeUnit.MILLISECONDS);
    }

    /** Hands these meters to the exception handlers that Kafka Streams creates from these properties. */
    public Properties attachTo(Properties streamsProperties) {
        streamsProperties.put(ConfigKeys.PIPELINE_METRICS, this);
        return streamsProperties;
    }

    /** The meters attached to a handler's configuration ({@link #attachTo}). */
    public static PipelineMetrics attachedTo(Map<String, ?> configs) {
        if (configs.get(ConfigKeys.PIPELINE_METRICS) instanceof PipelineMetrics metrics) {
            return metrics;
        }
        throw new IllegalStateException(ConfigKeys.PIPELINE_METRICS + " is missing from the routing's Streams configuration");
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
