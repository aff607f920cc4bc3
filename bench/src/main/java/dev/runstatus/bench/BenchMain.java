package dev.runstatus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The benchmark run: one embedded broker and registry, one seeded workload, then rounds in which
 * runstatus and the passthrough ceiling run side by side (A B A B) under both guarantees, a naive
 * read-and-encode-only application under exactly-once, runstatus with a 256 MB heap, and Kafka's own tools;
 * then latency at half the maximum rate, of runstatus and of the passthrough at the same rate; then
 * the report.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measures runstatus beside Kafka's own ceiling.")
public final class BenchMain implements Callable<Integer> {

    static final String RUNSTATUS_EOS = "runstatus, exactly-once v2";
    static final String PASSTHROUGH_EOS = "passthrough, exactly-once v2";
    static final String NAIVE_EOS = "naive transcode-only, exactly-once v2";
    static final String RUNSTATUS_ALOS = "runstatus, at-least-once";
    static final String PASSTHROUGH_ALOS = "passthrough, at-least-once";
    static final String RUNSTATUS_EOS_SMALL_HEAP = "runstatus, exactly-once v2, -Xmx256m";
    static final String RUNSTATUS_EOS_WITHOUT_LIFECYCLE = "runstatus without the lifecycle step, exactly-once v2";
    static final String RUNSTATUS_EOS_READING_BRANCHES = "runstatus without the lifecycle step, its branch topics read back and dropped,"
            + " exactly-once v2";

    @Option(names = "--documents", defaultValue = "1000000", description = "Documents in the workload (default ${DEFAULT-VALUE}).")
    long documents;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of runs (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warm-up-seconds", defaultValue = "30",
            description = "Least seconds each application's JVM runs it (in passes over the whole input, at least two)"
                    + " before the timed run, to warm its JIT (default ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(names = "--latency-seconds", defaultValue = "60", description = "Measured seconds of the latency run (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--latency-rate", description = "Documents per second of the latency run (default: half the median exactly-once maximum).")
    Double latencyRate;

    @Option(names = "--seed", defaultValue = "42", description = "Workload seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--jmh", description = "JMH results (JSON) to include in the report.")
    Path jmhResults;

    @Option(names = "--jfr", description = "Record the warm-up runstatus run with Java Flight Recorder into this file (not a counted run).")
    Path flightRecording;

    @Option(names = "--results", defaultValue = "bench/results", description = "Where the results file goes (default ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--readme", defaultValue = "bench/README.md", description = "The README whose results section is rewritten.")
    Path readme;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A runstatus or Kafka Streams setting for every application run"
            + " (repeatable), after the benchmark's own: to measure a setting's effect, for example num.stream.threads=2.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--polling", description = "Several reports per run, as polling producers send them (about four,"
            + " two or three status changes), instead of one report per run.")
    boolean polling;

    @Option(names = "--only-lifecycle", description = "Measure only runstatus with and without the lifecycle step, interleaved;"
            + " print the figures and write them to lifecycle.json in the results directory, not to the README.")
    boolean onlyLifecycle;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createDirectories(Path.of("bench", "target", "run"));
        Files.createDirectories(results);
        try (BenchCluster cluster = new BenchCluster(work)) {
            log("producing the workload: %d documents", documents);
            Workload workload = Workload.produce(cluster, documents, seed, work.resolve("payloads.txt"), polling);
            log("workload: %d run results, %d invalid, median %d bytes, %d runs", workload.runResults(), workload.invalid(),
                    workload.medianBytes(), workload.runs());
            ThroughputTrial trial = new ThroughputTrial(cluster, workload, work, warmUpSeconds, overrides);
            if (onlyLifecycle) {
                return lifecycleOnly(cluster, workload, trial);
            }
            KafkaTools tools = new KafkaTools(cluster, workload, work);
            log("warming the broker and the JIT (not counted)");
            tools.run();
            trial.run(StreamsApps.PASSTHROUGH, StreamsConfig.EXACTLY_ONCE_V2, "default");
            trial.run(StreamsApps.RUNSTATUS, StreamsConfig.EXACTLY_ONCE_V2, "default", flightRecorder());
            Report report = new Report(machine(), workload, rounds);
            for (int round = 1; round <= rounds; round++) {
                measure(report, round, RUNSTATUS_EOS, () -> trial.run(StreamsApps.RUNSTATUS, StreamsConfig.EXACTLY_ONCE_V2, "default"));
                measure(report, round, RUNSTATUS_EOS_WITHOUT_LIFECYCLE, () -> trial.run(StreamsApps.RUNSTATUS_WITHOUT_LIFECYCLE,
                        StreamsConfig.EXACTLY_ONCE_V2, "default"));
                measure(report, round, PASSTHROUGH_EOS, () -> trial.run(StreamsApps.PASSTHROUGH, StreamsConfig.EXACTLY_ONCE_V2, "default"));
                measure(report, round, NAIVE_EOS, () -> trial.run(StreamsApps.NAIVE, StreamsConfig.EXACTLY_ONCE_V2, "default"));
                measure(report, round, RUNSTATUS_ALOS, () -> trial.run(StreamsApps.RUNSTATUS, StreamsConfig.AT_LEAST_ONCE, "default"));
                measure(report, round, PASSTHROUGH_ALOS, () -> trial.run(StreamsApps.PASSTHROUGH, StreamsConfig.AT_LEAST_ONCE, "default"));
                measure(report, round, RUNSTATUS_EOS_SMALL_HEAP, () -> trial.run(StreamsApps.RUNSTATUS, StreamsConfig.EXACTLY_ONCE_V2, "256m"));
                KafkaTools.Result tool = tools.run();
                log("round %d Kafka tools: producer %.0f/s, consumer %.0f/s", round, tool.producerRecordsPerSecond(),
                        tool.consumerRecordsPerSecond());
                report.add(tool);
            }
            double rate = latencyRate != null ? latencyRate : report.throughput(RUNSTATUS_EOS).median() / 2;
            log("latency at %.0f documents/s", rate);
            LatencyProbe.Result latency = LatencyProbe.run(cluster, work, StreamsApps.RUNSTATUS, rate, latencySeconds, seed + 1, warmUpSeconds);
            log("latency of runstatus: p50 %.0f ms, p99 %.0f ms", latency.p50Millis(), latency.p99Millis());
            LatencyProbe.Result ceiling = LatencyProbe.run(cluster, work, StreamsApps.PASSTHROUGH, rate, latencySeconds, seed + 1, warmUpSeconds);
            log("latency of the passthrough at the same rate: p50 %.0f ms, p99 %.0f ms", ceiling.p50Millis(), ceiling.p99Millis());
            if (jmhResults != null && Files.exists(jmhResults)) {
                report.add(new ObjectMapper().readTree(jmhResults.toFile()));
            }
            List<String[]> targets = targets(report, latency, ceiling);
            report.write(results.resolve("latest.json"), readme, List.of(latency, ceiling), targets);
            targets.forEach(target -> log("target %s: %s (%s)", target[0], target[1], target[2]));
        }
        return 0;
    }

    /** The lifecycle step's cost alone: both runstatus variants, interleaved, after one warm-up run of each. */
    private int lifecycleOnly(BenchCluster cluster, Workload workload, ThroughputTrial trial) throws Exception {
        log("warming the broker and the JIT (not counted)");
        trial.run(StreamsApps.RUNSTATUS, StreamsConfig.EXACTLY_ONCE_V2, "default", flightRecorder());
        trial.run(StreamsApps.RUNSTATUS_WITHOUT_LIFECYCLE, StreamsConfig.EXACTLY_ONCE_V2, "default");
        Report report = new Report(machine(), workload, rounds);
        for (int round = 1; round <= rounds; round++) {
            measure(report, round, RUNSTATUS_EOS, () -> trial.run(StreamsApps.RUNSTATUS, StreamsConfig.EXACTLY_ONCE_V2, "default"));
            measure(report, round, RUNSTATUS_EOS_WITHOUT_LIFECYCLE, () -> trial.run(StreamsApps.RUNSTATUS_WITHOUT_LIFECYCLE,
                    StreamsConfig.EXACTLY_ONCE_V2, "default"));
            measure(report, round, RUNSTATUS_EOS_READING_BRANCHES, () -> trial.run(StreamsApps.RUNSTATUS_READING_BRANCHES,
                    StreamsConfig.EXACTLY_ONCE_V2, "default"));
        }
        String[] target = lifecycleTarget(report);
        log("target %s: %s (%s)", target[0], target[1], target[2]);
        Stats floor = Stats.of(report.ratios(RUNSTATUS_EOS_READING_BRANCHES, RUNSTATUS_EOS_WITHOUT_LIFECYCLE));
        log("the branch topics read back and dropped ÷ without the lifecycle step: %.3f (%.3f to %.3f)", floor.median(),
                floor.min(), floor.max());
        report.writeLifecycle(results.resolve("lifecycle.json"), target);
        return 0;
    }

    private List<String> flightRecorder() {
        return flightRecording == null ? List.of()
                : List.of("-XX:StartFlightRecording=filename=" + flightRecording.toAbsolutePath() + ",settings=profile");
    }

    private static String[] lifecycleTarget(Report report) {
        Stats ratio = Stats.of(report.ratios(RUNSTATUS_EOS, RUNSTATUS_EOS_WITHOUT_LIFECYCLE));
        return target("with the lifecycle step ÷ without, exactly-once v2 ≥ 0.80", String.format(Locale.ROOT,
                "%.3f (%.3f to %.3f); state %.0f MiB per million runs", ratio.median(), ratio.min(), ratio.max(),
                report.stateMebibytesPerMillionRuns(RUNSTATUS_EOS)), ratio.median() >= 0.80);
    }

    private interface Run {
        ThroughputTrial.Result run() throws Exception;
    }

    private static void measure(Report report, int round, String config, Run run) throws Exception {
        ThroughputTrial.Result result = run.run();
        log("round %d %s: %.0f records/s, %.1f CPU-s per M (broker %.1f, machine %.0f%% idle), peak RSS %d MiB, JIT %d ms,"
                + " state %d MiB", round, config, result.recordsPerSecond(), result.cpuSecondsPerMillion(),
                result.brokerCpuSecondsPerMillion(), result.machineIdleShare() * 100, result.peakRssBytes() >> 20,
                result.compilationMillis(), result.stateBytes() >> 20);
        report.add(config, result);
    }

    private static List<String[]> targets(Report report, LatencyProbe.Result latency, LatencyProbe.Result ceiling) {
        List<String[]> targets = new ArrayList<>();
        Stats eos = Stats.of(report.ratios(RUNSTATUS_EOS, PASSTHROUGH_EOS));
        targets.add(target("runstatus ÷ passthrough, exactly-once v2 ≥ 0.90", String.format(Locale.ROOT, "%.3f (%.3f to %.3f)",
                eos.median(), eos.min(), eos.max()), eos.median() >= 0.90));
        Stats heap = Stats.of(report.ratios(RUNSTATUS_EOS_SMALL_HEAP, RUNSTATUS_EOS));
        targets.add(lifecycleTarget(report));
        targets.add(target("-Xmx256m loses at most 5%", String.format(Locale.ROOT, "%.3f of the default heap's throughput",
                heap.median()), heap.median() >= 0.95));
        targets.add(target("end-to-end p99 at half the maximum rate < 250 ms", String.format(Locale.ROOT,
                "%.0f ms (the passthrough at the same rate: %.0f ms)", latency.p99Millis(), ceiling.p99Millis()), latency.p99Millis() < 250));
        for (HotPathResult result : report.hotPath()) {
            if (!result.document().equals(HotPathBenchmark.INVALID)) {
                targets.add(target("hot path ≤ 5 µs per 1 KB document (" + result.document() + ")",
                        String.format(Locale.ROOT, "%.2f µs per KB (median iteration)", result.nanosPerKilobyte() / 1000),
                        result.nanosPerKilobyte() <= 5000));
            }
        }
        return targets;
    }

    private static String[] target(String name, String measured, boolean met) {
        return new String[]{name, measured, met ? "yes" : "no"};
    }

    private static Map<String, String> machine() throws Exception {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("date", LocalDate.now().toString());
        machine.put("cpu", Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown"));
        machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("memory", Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
                .findFirst().map(line -> (Long.parseLong(line.replaceAll("\\D", "")) >> 20) + " GiB").orElse("unknown"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
