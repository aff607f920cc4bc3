package dev.runstatus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The benchmark run: one embedded broker and registry and two seeded workloads (each document a run of
 * its own; polling, several reports per run), then rounds in which the applications run side by side:
 * the passthrough ceiling, the naive transcoder, runstatus's routing under both guarantees and with a
 * 256 MB heap, runstatus as it starts by default, and, over the branch topics the routing wrote from
 * each workload, the lifecycle and its peer (a plain Kafka Streams table); Kafka's own tools; then the
 * lifecycle's restore, the latencies at half the routing's maximum rate, and the report.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measures runstatus beside Kafka's own ceiling and beside what a user would build instead.")
public final class BenchMain implements Callable<Integer> {

    static final String PASSTHROUGH_EOS = "passthrough, exactly-once v2";
    static final String NAIVE_EOS = "naive transcoder (one topic, nothing else), exactly-once v2";
    static final String ROUTING_EOS = "runstatus routing (run --role routing), exactly-once v2";
    static final String RUNSTATUS_EOS = "runstatus as it starts by default (routing and lifecycle), exactly-once v2";
    static final String ROUTING_ALOS = "runstatus routing, at-least-once";
    static final String PASSTHROUGH_ALOS = "passthrough, at-least-once";
    static final String ROUTING_EOS_SMALL_HEAP = "runstatus routing, exactly-once v2, -Xmx256m";
    static final String ROUTING_EOS_PASSTHROUGH_COMMITS = "runstatus routing, exactly-once v2, commit.interval.ms="
            + ThroughputTrial.PASSTHROUGH_COMMIT_INTERVAL_MS + " (the passthrough's)";
    static final String LIFECYCLE = "runstatus lifecycle (run --role lifecycle) over the branch topics, ";
    static final String PEER = "peer: a plain Kafka Streams table of each run's latest report, ";
    static final String PEER_TUNED = "peer with the lifecycle's commit interval and cache, ";
    static final String ONE_REPORT_PER_RUN = "one report per run";
    static final String POLLING = "polling";

    @Option(names = "--documents", defaultValue = "1000000", description = "Documents in each workload (default ${DEFAULT-VALUE}).")
    long documents;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of runs (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warm-up-seconds", defaultValue = "30",
            description = "Least seconds each application's JVM runs it (in passes over the whole input, at least two)"
                    + " before the timed run, to warm its JIT (default ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(names = "--latency-seconds", defaultValue = "60", description = "Measured seconds of each latency run (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--latency-rate", description = "Documents per second of the latency runs (default: half the routing's median exactly-once maximum).")
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

    @Option(names = "--jfr-lifecycle", description = "Record the lifecycle's measured runs with Java Flight Recorder into this"
            + " directory, one file per run.")
    Path lifecycleRecordings;

    @Option(names = "--query-seconds", defaultValue = "20", description = "Seconds of each query API load run; 0 skips them"
            + " (default ${DEFAULT-VALUE}).")
    int querySeconds;

    @Option(names = "--no-latency", description = "Skip the latency runs and the targets that need them (for a quick comparison).")
    boolean noLatency;

    @Option(names = "--only-lifecycle", description = "Measure only the lifecycle against its peer on both workloads, the restore and"
            + " the routing's latency with and without the lifecycle; write lifecycle.json in the results directory, not the README.")
    boolean onlyLifecycle;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createDirectories(Path.of("bench", "target", "run"));
        Files.createDirectories(results);
        try (BenchCluster cluster = new BenchCluster(work)) {
            log("producing the workloads: %d documents each", documents);
            Workload worstCase = Workload.produce(cluster, documents, seed, work.resolve("payloads.txt"), false);
            Workload polling = Workload.produce(cluster, documents, seed, work.resolve("polling-payloads.txt"), true);
            for (Workload workload : List.of(worstCase, polling)) {
                log("workload %s: %d run results, %d invalid, median %d bytes, %d runs", workload.name(), workload.runResults(),
                        workload.invalid(), workload.medianBytes(), workload.runs());
            }
            ThroughputTrial trial = new ThroughputTrial(cluster, work, warmUpSeconds, overrides);
            ThroughputTrial.Source raw = ThroughputTrial.Source.raw(worstCase);
            log("routing both workloads once, for the lifecycle and its peer to read (not counted)");
            Map<String, ThroughputTrial.Source> routed = new LinkedHashMap<>();
            routed.put(ONE_REPORT_PER_RUN, trial.route(raw, worstCase.reports()));
            routed.put(POLLING, trial.route(ThroughputTrial.Source.raw(polling), polling.reports()));
            Report report = new Report(machine(), List.of(worstCase, polling), rounds);
            KafkaTools tools = new KafkaTools(cluster, worstCase, work);
            log("warming the broker and the JIT (not counted)");
            if (!onlyLifecycle) {
                tools.run();
                trial.run(StreamsApps.PASSTHROUGH, StreamsConfig.EXACTLY_ONCE_V2, "default", raw);
            }
            trial.run(StreamsApps.RUNSTATUS, StreamsConfig.EXACTLY_ONCE_V2, "default", flightRecorder(), raw);
            for (int round = 1; round <= rounds; round++) {
                if (!onlyLifecycle) {
                    measure(report, round, PASSTHROUGH_EOS, () -> trial.run(StreamsApps.PASSTHROUGH, StreamsConfig.EXACTLY_ONCE_V2, "default", raw));
                    measure(report, round, NAIVE_EOS, () -> trial.run(StreamsApps.NAIVE, StreamsConfig.EXACTLY_ONCE_V2, "default", raw));
                    measure(report, round, ROUTING_ALOS, () -> trial.run(StreamsApps.ROUTING, StreamsConfig.AT_LEAST_ONCE, "default", raw));
                    measure(report, round, PASSTHROUGH_ALOS, () -> trial.run(StreamsApps.PASSTHROUGH, StreamsConfig.AT_LEAST_ONCE, "default", raw));
                    measure(report, round, ROUTING_EOS_SMALL_HEAP, () -> trial.run(StreamsApps.ROUTING, StreamsConfig.EXACTLY_ONCE_V2, "256m", raw));
                    measure(report, round, ROUTING_EOS_PASSTHROUGH_COMMITS, () -> trial.run(StreamsApps.ROUTING, StreamsConfig.EXACTLY_ONCE_V2,
                            "default", Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, ThroughputTrial.PASSTHROUGH_COMMIT_INTERVAL_MS), raw));
                }
                measure(report, round, ROUTING_EOS, () -> trial.run(StreamsApps.ROUTING, StreamsConfig.EXACTLY_ONCE_V2, "default", raw));
                measure(report, round, RUNSTATUS_EOS, () -> trial.run(StreamsApps.RUNSTATUS, StreamsConfig.EXACTLY_ONCE_V2, "default", raw));
                for (Map.Entry<String, ThroughputTrial.Source> workload : routed.entrySet()) {
                    List<String> recording = lifecycleRecordings == null ? List.of() : List.of("-XX:StartFlightRecording=filename="
                            + lifecycleRecordings.toAbsolutePath().resolve("lifecycle-" + workload.getKey().replace(' ', '-') + "-" + round
                            + ".jfr") + ",settings=profile");
                    measure(report, round, LIFECYCLE + workload.getKey(), () -> trial.run(StreamsApps.LIFECYCLE,
                            StreamsConfig.EXACTLY_ONCE_V2, "default", recording, workload.getValue()));
                    measure(report, round, PEER + workload.getKey(), () -> trial.run(StreamsApps.PEER,
                            StreamsConfig.EXACTLY_ONCE_V2, "default", workload.getValue()));
                    measure(report, round, PEER_TUNED + workload.getKey(), () -> trial.run(StreamsApps.PEER_TUNED,
                            StreamsConfig.EXACTLY_ONCE_V2, "default", workload.getValue()));
                }
                if (!onlyLifecycle) {
                    KafkaTools.Result tool = tools.run();
                    log("round %d Kafka tools: producer %.0f/s, consumer %.0f/s", round, tool.producerRecordsPerSecond(),
                            tool.consumerRecordsPerSecond());
                    report.add(tool);
                }
            }
            LifecycleRestore.Result restore = LifecycleRestore.run(cluster, work, routed.get(ONE_REPORT_PER_RUN), worstCase.runs());
            log("restore: %d records of %d runs in %.1f s", restore.records(), restore.runs(), restore.millis() / 1000.0);
            report.add(restore);
            if (querySeconds > 0) {
                for (QueryBench.Result query : QueryBench.run(cluster, work, routed.get(ONE_REPORT_PER_RUN), querySeconds)) {
                    log("query API, %s: %.0f lookups/s, p50 %.1f ms, p99 %.1f ms, %d not answered 200; lists of 100: p99 %.1f ms,"
                            + " of 1,000: p99 %.1f ms", query.setup(), query.lookupsPerSecond(), query.p50Millis(), query.p99Millis(),
                            query.errors(), query.list100P99Millis(), query.list1000P99Millis());
                    report.add(query);
                }
            }
            double rate = latencyRate != null ? latencyRate : report.throughput(ROUTING_EOS).median() / 2;
            log("latency at %.0f documents/s", rate);
            List<LatencyProbe.Result> latencies = new java.util.ArrayList<>();
            List<String> latencyApps = noLatency ? List.of() : onlyLifecycle ? List.of(StreamsApps.ROUTING, StreamsApps.RUNSTATUS)
                    : List.of(StreamsApps.ROUTING, StreamsApps.RUNSTATUS, StreamsApps.PASSTHROUGH);
            for (String app : latencyApps) {
                LatencyProbe.Result latency = LatencyProbe.run(cluster, work, app, rate, latencySeconds, seed + 1, warmUpSeconds, raw);
                log("latency of %s: p50 %.0f ms, p99 %.0f ms", app, latency.p50Millis(), latency.p99Millis());
                latencies.add(latency);
            }
            if (jmhResults != null && Files.exists(jmhResults)) {
                report.add(new ObjectMapper().readTree(jmhResults.toFile()));
            }
            List<String[]> targets = Targets.of(report, latencies, onlyLifecycle);
            targets.forEach(target -> log("target %s: %s (%s)", target[0], target[1], target[2]));
            if (onlyLifecycle) {
                report.write(results.resolve("lifecycle.json"), latencies, targets);
            } else {
                report.write(results.resolve("latest.json"), readme, latencies, targets);
            }
        }
        return 0;
    }

    private List<String> flightRecorder() {
        return flightRecording == null ? List.of()
                : List.of("-XX:StartFlightRecording=filename=" + flightRecording.toAbsolutePath() + ",settings=profile");
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

    static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
