package dev.runstatus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets the benchmark judges, each with what was measured and whether it is met: the lifecycle
 * against its peer (the word "peer" names what a user would build instead), the routing's latency with
 * and without the lifecycle, the lifecycle's restore; and the routing's cost against the naive
 * transcoder and the passthrough, its hot path, its latency and its heap.
 */
final class Targets {

    static final double LIFECYCLE_PEER_CPU_RATIO = 0.5;
    static final double LATENCY_BESIDE_RATIO = 1.2;
    static final double RESTORE_SECONDS_PER_MILLION_RUNS = 30;
    static final double BROKER_CPU_RATIO = 1.5;
    static final double HOT_PATH_MICROS = 2.0;
    static final double HOT_PATH_BYTES = 1024;
    static final double INVALID_TO_VALID = 2.0;
    static final double LATENCY_TO_PASSTHROUGH = 1.5;
    static final double SMALL_HEAP_RATIO = 0.95;
    static final double LOOKUPS_PER_SECOND = 5000;
    static final double LOOKUP_P99_MILLIS = 25;

    private Targets() {
    }

    static List<String[]> of(Report report, List<LatencyProbe.Result> latencies, boolean onlyLifecycle) {
        List<String[]> targets = new ArrayList<>();
        for (String workload : List.of(BenchMain.ONE_REPORT_PER_RUN, BenchMain.POLLING)) {
            Stats ratio = Stats.of(report.cpuRatios(BenchMain.LIFECYCLE + workload, BenchMain.PEER + workload));
            targets.add(target("lifecycle ÷ peer, CPU per report added over the routing (app + broker), " + workload + " ≤ "
                    + LIFECYCLE_PEER_CPU_RATIO, format("%.3f (%.3f to %.3f)", ratio.median(), ratio.min(), ratio.max()),
                    ratio.median() <= LIFECYCLE_PEER_CPU_RATIO));
        }
        LifecycleRestore.Result restore = report.restore();
        double perMillion = restore.millis() / 1000.0 * 1_000_000 / restore.runs();
        targets.add(target("restoring the lifecycle state of 1,000,000 runs ≤ " + (int) RESTORE_SECONDS_PER_MILLION_RUNS + " s",
                format("%.1f s for %d runs (%.1f s per million)", restore.millis() / 1000.0, restore.runs(), perMillion),
                perMillion <= RESTORE_SECONDS_PER_MILLION_RUNS));
        report.queries().stream().filter(query -> query.setup().equals("one instance")).findFirst().ifPresent(query ->
                targets.add(target("query API, one instance, " + QueryBench.CLIENTS + " clients: ≥ " + (int) LOOKUPS_PER_SECOND
                        + " lookups/s with p99 ≤ " + (int) LOOKUP_P99_MILLIS + " ms, none refused",
                        format("%.0f lookups/s, p99 %.1f ms, %d refused", query.lookupsPerSecond(), query.p99Millis(), query.errors()),
                        query.lookupsPerSecond() >= LOOKUPS_PER_SECOND && query.p99Millis() <= LOOKUP_P99_MILLIS && query.errors() == 0)));
        if (latencies.isEmpty()) {
            return targets;
        }
        LatencyProbe.Result alone = latency(latencies, StreamsApps.ROUTING);
        LatencyProbe.Result beside = latency(latencies, StreamsApps.RUNSTATUS);
        targets.add(target("routing's p99 at half its maximum rate, with the lifecycle beside ÷ without ≤ " + LATENCY_BESIDE_RATIO,
                format("%.2f (%.0f ms against %.0f ms; throughput %.0f and %.0f documents/s)", beside.p99Millis() / alone.p99Millis(),
                        beside.p99Millis(), alone.p99Millis(), report.throughput(BenchMain.RUNSTATUS_EOS).median(),
                        report.throughput(BenchMain.ROUTING_EOS).median()),
                beside.p99Millis() / alone.p99Millis() <= LATENCY_BESIDE_RATIO));
        if (onlyLifecycle) {
            return targets;
        }
        Stats routing = report.stats(BenchMain.ROUTING_EOS, ThroughputTrial.Result::cpuSecondsPerMillion);
        Stats naive = report.stats(BenchMain.NAIVE_EOS, ThroughputTrial.Result::cpuSecondsPerMillion);
        Stats passthrough = report.stats(BenchMain.PASSTHROUGH_EOS, ThroughputTrial.Result::cpuSecondsPerMillion);
        targets.add(target("routing's app CPU per document ≤ the naive transcoder's", format("%.2f times (%.1f against %.1f CPU-s"
                + " per M; %.2f times the passthrough's)", routing.median() / naive.median(), routing.median(), naive.median(),
                routing.median() / passthrough.median()), routing.median() <= naive.median()));
        Stats routingBroker = report.stats(BenchMain.ROUTING_EOS, ThroughputTrial.Result::brokerCpuSecondsPerMillion);
        Stats passthroughBroker = report.stats(BenchMain.PASSTHROUGH_EOS, ThroughputTrial.Result::brokerCpuSecondsPerMillion);
        targets.add(target("broker's CPU per document for the routing ≤ " + BROKER_CPU_RATIO + " times the passthrough's",
                format("%.2f times (%.1f against %.1f CPU-s per M)", routingBroker.median() / passthroughBroker.median(),
                        routingBroker.median(), passthroughBroker.median()),
                routingBroker.median() <= BROKER_CPU_RATIO * passthroughBroker.median()));
        hotPath(report, targets);
        LatencyProbe.Result ceiling = latency(latencies, StreamsApps.PASSTHROUGH);
        targets.add(target("routing's p99 at half its maximum rate ≤ " + LATENCY_TO_PASSTHROUGH + " times the passthrough's",
                format("%.2f times (%.0f ms against %.0f ms)", alone.p99Millis() / ceiling.p99Millis(), alone.p99Millis(),
                        ceiling.p99Millis()), alone.p99Millis() <= LATENCY_TO_PASSTHROUGH * ceiling.p99Millis()));
        Stats heap = Stats.of(report.ratios(BenchMain.ROUTING_EOS_SMALL_HEAP, BenchMain.ROUTING_EOS));
        targets.add(target("-Xmx256m within 5% of the default heap", format("%.3f of the default heap's throughput", heap.median()),
                heap.median() >= SMALL_HEAP_RATIO));
        return targets;
    }

    private static void hotPath(Report report, List<String[]> targets) {
        HotPathResult valid = result(report, HotPathBenchmark.HOT_PATH, HotPathBenchmark.RUN_RESULT);
        HotPathResult invalid = result(report, HotPathBenchmark.HOT_PATH, HotPathBenchmark.INVALID);
        if (valid == null || invalid == null) {
            return;
        }
        double micros = valid.iterationNanos().median() / 1000;
        HotPathResult floor = result(report, HotPathBenchmark.JACKSON_TOKENS, HotPathBenchmark.RUN_RESULT);
        String beside = floor == null ? "" : format("; Jackson's tokens alone %.2f µs, %.0f bytes",
                floor.iterationNanos().median() / 1000, floor.bytesAllocated());
        targets.add(target("hot path ≤ " + HOT_PATH_MICROS + " µs per run result and ≤ " + (int) HOT_PATH_BYTES
                        + " bytes allocated per document", format("%.2f µs, %.0f bytes (median iteration%s)", micros,
                        valid.bytesAllocated(), beside), micros <= HOT_PATH_MICROS && valid.bytesAllocated() <= HOT_PATH_BYTES));
        double perByte = invalid.nanosPerKilobyte() / valid.nanosPerKilobyte();
        targets.add(target("an invalid document ≤ " + INVALID_TO_VALID + " times a valid one, per byte",
                format("%.2f times", perByte), perByte <= INVALID_TO_VALID));
    }

    private static HotPathResult result(Report report, String benchmark, String document) {
        return report.hotPath().stream().filter(result -> result.is(benchmark, document)).findFirst().orElse(null);
    }

    private static LatencyProbe.Result latency(List<LatencyProbe.Result> latencies, String app) {
        return latencies.stream().filter(latency -> latency.app().equals(app)).findFirst().orElseThrow();
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String[] target(String name, String measured, boolean met) {
        return new String[]{name, measured, met ? "yes" : "no"};
    }
}
