package dev.runstatus.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lifecycle step's meters: reports by transition, lifecycle events, run durations and reports per
 * run at the end of each run, and runs in flight by status. Each task counts its own runs in flight
 * at every scan; the gauge is the sum over the tasks this instance runs.
 */
public final class LifecycleMetrics {

    private static final String REPORTS_HELP = "Branch records read by the lifecycle step, by how they changed their run";
    private static final String EVENTS_HELP = "Lifecycle events written: illegal, late, stalled, ended after a stall, abandoned";
    private static final Duration SHORTEST_RUN = Duration.ofSeconds(1);
    private static final Duration LONGEST_RUN = Duration.ofDays(7);

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Counter> recordsOut = new ConcurrentHashMap<>();
    /** Family, then transition, to its counter: looked up for every branch record, so without building a key. */
    private final Map<String, Map<String, Counter>> reports = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> reportsPerRun = new ConcurrentHashMap<>();
    /** Family and status, then task, to the runs in flight that the task counted at its last scan. */
    private final Map<String, Map<String, Long>> inFlight = new ConcurrentHashMap<>();

    public LifecycleMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers every meter of a family at zero, so that dashboards and alerts see a series before the
     * first run ends or the first scan counts.
     */
    public void prepare(String family, Collection<String> transitions, Collection<String> kinds, Collection<String> terminal,
                        Collection<String> inFlightStatuses) {
        transitions.forEach(transition -> reportCounter(family, transition));
        kinds.forEach(kind -> counter(MetricNames.LIFECYCLE_EVENTS, EVENTS_HELP, family, MetricNames.TAG_KIND, kind));
        terminal.forEach(status -> {
            duration(family, status);
            reportsPerRun(family, status);
        });
        inFlightStatuses.forEach(status -> inFlightByTask(family, status));
    }

    /** Counts the records the lifecycle writes to each of these topics from zero. */
    public void prepareOutputs(Collection<String> topics) {
        topics.forEach(this::recordsOut);
    }

    /** A record handed to the producer for this topic: a run's state, a tombstone or an event. */
    public void recordOut(String topic) {
        recordsOut(topic).increment();
    }

    private Counter recordsOut(String topic) {
        return recordsOut.computeIfAbsent(topic, key -> Counter.builder(MetricNames.RECORDS_OUT)
                .description("Records handed to the producer, by output topic").tag(MetricNames.TAG_TOPIC, topic).register(registry));
    }

    public void report(String family, String transition) {
        reportCounter(family, transition).increment();
    }

    private Counter reportCounter(String family, String transition) {
        return reports.computeIfAbsent(family, key -> new ConcurrentHashMap<>()).computeIfAbsent(transition,
                key -> counter(MetricNames.LIFECYCLE_REPORTS, REPORTS_HELP, family, MetricNames.TAG_TRANSITION, transition));
    }

    public void event(String family, String kind) {
        counter(MetricNames.LIFECYCLE_EVENTS, EVENTS_HELP, family, MetricNames.TAG_KIND, kind).increment();
    }

    /** A run reached a terminal status, {@code duration} after its first report, in {@code reports} reports. */
    public void ended(String family, String status, Duration duration, long reports) {
        duration(family, status).record(duration.isNegative() ? Duration.ZERO : duration);
        reportsPerRun(family, status).record(reports);
    }

    /** What one task counted at its scan: runs in flight by status; a task that closes reports an empty map. */
    public void inFlight(String family, String task, Map<String, Long> byStatus) {
        inFlight.forEach((familyAndStatus, byTask) -> {
            if (familyAndStatus.startsWith(family + '\n')) {
                byTask.remove(task);
            }
        });
        byStatus.forEach((status, runs) -> inFlightByTask(family, status).put(task, runs));
    }

    private Map<String, Long> inFlightByTask(String family, String status) {
        return inFlight.computeIfAbsent(family + '\n' + status, key -> {
            Map<String, Long> byTask = new ConcurrentHashMap<>();
            Gauge.builder(MetricNames.LIFECYCLE_RUNS_IN_FLIGHT, byTask, tasks -> tasks.values().stream().mapToLong(Long::longValue).sum())
                    .description("Runs not yet terminal, by status, as of each task's last scan")
                    .tags(MetricNames.TAG_FAMILY, family, MetricNames.TAG_STATUS, status)
                    .register(registry);
            return byTask;
        });
    }

    private Timer duration(String family, String status) {
        return durations.computeIfAbsent(family + '\n' + status, key -> Timer.builder(MetricNames.LIFECYCLE_RUN_DURATION)
                .description("Event time from a run's first report to its terminal status")
                .tags(MetricNames.TAG_FAMILY, family, MetricNames.TAG_STATUS, status)
                .publishPercentileHistogram().minimumExpectedValue(SHORTEST_RUN).maximumExpectedValue(LONGEST_RUN)
                .register(registry));
    }

    private DistributionSummary reportsPerRun(String family, String status) {
        return reportsPerRun.computeIfAbsent(family + '\n' + status, key -> DistributionSummary.builder(MetricNames.LIFECYCLE_REPORTS_PER_RUN)
                .description("Reports a run needed up to its terminal status")
                .tags(MetricNames.TAG_FAMILY, family, MetricNames.TAG_STATUS, status)
                .register(registry));
    }

    private Counter counter(String name, String description, String family, String tag, String value) {
        return counters.computeIfAbsent(name + '\n' + family + '\n' + value, key -> Counter.builder(name)
                .description(description).tags(MetricNames.TAG_FAMILY, family, tag, value).register(registry));
    }
}
