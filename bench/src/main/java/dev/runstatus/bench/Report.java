package dev.runstatus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runstatus.config.RunStatusConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns the measurements into the machine-readable results file and the Markdown tables of bench/README.md. */
final class Report {

    static final String START = "<!-- results:start -->";
    static final String END = "<!-- results:end -->";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = JSON.createObjectNode();
    private final Map<String, List<ThroughputTrial.Result>> trials = new LinkedHashMap<>();
    private final List<KafkaTools.Result> tools = new ArrayList<>();
    private JsonNode jmh;
    private List<HotPathResult> hotPath = List.of();
    private LifecycleRestore.Result restore;
    private final List<QueryBench.Result> queries = new ArrayList<>();
    private final Map<String, Workload> workloads = new LinkedHashMap<>();
    private final StringBuilder markdown = new StringBuilder();

    /** {@code workloads}: the one of the throughput runs first (each document a run of its own), then the polling one. */
    Report(Map<String, String> machine, List<Workload> workloads, int rounds) {
        ObjectNode machineNode = root.putObject("machine");
        machine.forEach(machineNode::put);
        ArrayNode workloadNodes = root.putArray("workloads");
        for (Workload workload : workloads) {
            workloadNodes.addObject().put("name", workload.name()).put("documents", workload.documents())
                    .put("runResults", workload.runResults()).put("invalid", workload.invalid()).put("medianBytes", workload.medianBytes())
                    .put("partitions", 1).put("polling", workload.polling()).put("runs", workload.runs());
            this.workloads.put(workload.polling() ? BenchMain.POLLING : BenchMain.ONE_REPORT_PER_RUN, workload);
        }
        root.put("rounds", rounds);
    }

    void add(LifecycleRestore.Result result) {
        restore = result;
    }

    void add(QueryBench.Result result) {
        queries.add(result);
    }

    List<QueryBench.Result> queries() {
        return queries;
    }

    LifecycleRestore.Result restore() {
        return restore;
    }

    boolean has(String config) {
        return trials.containsKey(config);
    }

    /** The median of a figure of a configuration's runs. */
    Stats stats(String config, java.util.function.ToDoubleFunction<ThroughputTrial.Result> figure) {
        return Stats.of(trials.get(config).stream().map(result -> figure.applyAsDouble(result)).toList());
    }

    /** One configuration's application and broker CPU over another's, per round. */
    List<Double> cpuRatios(String config, String against) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(trials.get(config).size(), trials.get(against).size()); i++) {
            ratios.add(trials.get(config).get(i).totalCpuSecondsPerMillion() / trials.get(against).get(i).totalCpuSecondsPerMillion());
        }
        return ratios;
    }

    void add(String config, ThroughputTrial.Result result) {
        trials.computeIfAbsent(config, key -> new ArrayList<>()).add(result);
    }

    void add(KafkaTools.Result result) {
        tools.add(result);
    }

    /** JMH's own results file, kept as it is in the results file and read once for the tables and targets. */
    void add(JsonNode jmhResults) {
        jmh = jmhResults;
        hotPath = HotPathResult.read(jmhResults);
    }

    List<HotPathResult> hotPath() {
        return hotPath;
    }

    Stats throughput(String config) {
        return Stats.of(trials.get(config).stream().map(ThroughputTrial.Result::recordsPerSecond).toList());
    }

    /** runstatus over passthrough, per round (the runs of one round ran side by side). */
    List<Double> ratios(String runstatus, String passthrough) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(trials.get(runstatus).size(), trials.get(passthrough).size()); i++) {
            ratios.add(trials.get(runstatus).get(i).recordsPerSecond() / trials.get(passthrough).get(i).recordsPerSecond());
        }
        return ratios;
    }

    /** A state store's size on disk after a run, per million runs (and auth sessions) of the workload. */
    double stateMebibytesPerMillionRuns(String config, String workload) {
        long runs = workloads.get(workload).runs();
        return Stats.of(trials.get(config).stream().map(result -> result.stateBytes() / 1048576.0 * 1_000_000 / runs).toList())
                .median();
    }

    void write(Path json, Path readme, List<LatencyProbe.Result> latencies, List<String[]> targets) throws IOException {
        write(json, latencies, targets);
        table(latencies, targets);
        String text = Files.readString(readme);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IOException(readme + " has no " + START + " ... " + END + " section");
        }
        Files.writeString(readme, text.substring(0, start + START.length()) + "\n" + markdown + text.substring(end));
    }

    void write(Path json, List<LatencyProbe.Result> latencies, List<String[]> targets) throws IOException {
        ArrayNode runs = root.putArray("throughput");
        trials.forEach((config, results) -> results.forEach(result -> runs.addObject().put("config", config)
                .put("recordsPerSecond", result.recordsPerSecond()).put("seconds", result.seconds())
                .put("cpuSecondsPerMillionRecords", result.cpuSecondsPerMillion())
                .put("brokerCpuSecondsPerMillionRecords", result.brokerCpuSecondsPerMillion())
                .put("machineIdleShare", result.machineIdleShare()).put("peakRssBytes", result.peakRssBytes())
                .put("jitCompilationMillis", result.compilationMillis()).put("stateBytes", result.stateBytes())));
        ArrayNode toolRuns = root.putArray("kafkaTools");
        tools.forEach(result -> toolRuns.addObject().put("producerRecordsPerSecond", result.producerRecordsPerSecond())
                .put("consumerRecordsPerSecond", result.consumerRecordsPerSecond()));
        ArrayNode latencyNodes = root.putArray("latency");
        for (LatencyProbe.Result latency : latencies) {
            ObjectNode latencyNode = latencyNodes.addObject().put("app", latency.app()).put("ratePerSecond", latency.rate())
                    .put("measured", latency.measured()).put("p50Millis", latency.p50Millis()).put("p99Millis", latency.p99Millis())
                    .put("p999Millis", latency.p999Millis()).put("maxMillis", latency.maxMillis());
            latency.windowP99Millis().forEach(latencyNode.putArray("windowP99Millis")::add);
        }
        if (jmh != null) {
            root.set("jmh", jmh);
        }
        ArrayNode queryNodes = root.putArray("queryApi");
        queries.forEach(query -> queryNodes.addObject().put("setup", query.setup()).put("lookups", query.lookups())
                .put("lookupsPerSecond", query.lookupsPerSecond()).put("p50Millis", query.p50Millis()).put("p99Millis", query.p99Millis())
                .put("maxMillis", query.maxMillis()).put("list100P50Millis", query.list100P50Millis())
                .put("list100P99Millis", query.list100P99Millis()).put("list1000P50Millis", query.list1000P50Millis())
                .put("list1000P99Millis", query.list1000P99Millis()).put("errors", query.errors()));
        if (restore != null) {
            root.putObject("lifecycleRestore").put("millis", restore.millis()).put("recordsRestored", restore.records())
                    .put("runs", restore.runs()).put("stateBytes", restore.stateBytes());
        }
        ArrayNode targetNodes = root.putArray("targets");
        targets.forEach(target -> targetNodes.addObject().put("target", target[0]).put("measured", target[1]).put("met", target[2]));
        JSON.writeValue(json.toFile(), root);
    }

    private void table(List<LatencyProbe.Result> latencies, List<String[]> targets) {
        JsonNode machine = root.get("machine");
        Workload workload = workloads.get(BenchMain.ONE_REPORT_PER_RUN);
        Workload polling = workloads.get(BenchMain.POLLING);
        line("Measured %s on %s (%s cores, %s), %s; %d rounds. Workloads, 1 partition each: %d documents, each a run of its"
                + " own (median %d bytes, %d invalid); %d documents of %d runs as polling producers send them (%d invalid).",
                machine.get("date").asText(), machine.get("cpu").asText(), machine.get("cores").asText(),
                machine.get("memory").asText(), machine.get("java").asText(), root.get("rounds").asInt(), workload.documents(),
                workload.medianBytes(), workload.invalid(), polling.documents(), polling.runs(), polling.invalid());
        line("");
        line("Records are documents, but for the lifecycle and its peer: branch records (reports) they read.");
        line("");
        line("| run | records/s median | min | max | CPU-s per M records | broker's CPU-s per M records | machine idle"
                + " | peak RSS MiB | JIT compilation ms in the run |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        trials.forEach((config, results) -> {
            Stats rate = throughput(config);
            Stats cpu = Stats.of(results.stream().map(ThroughputTrial.Result::cpuSecondsPerMillion).toList());
            Stats broker = Stats.of(results.stream().map(ThroughputTrial.Result::brokerCpuSecondsPerMillion).toList());
            Stats idle = Stats.of(results.stream().map(ThroughputTrial.Result::machineIdleShare).toList());
            Stats rss = Stats.of(results.stream().map(result -> result.peakRssBytes() / 1048576.0).toList());
            Stats jit = Stats.of(results.stream().map(result -> (double) result.compilationMillis()).toList());
            line("| %s | %.0f | %.0f | %.0f | %.1f | %.1f | %.0f%% | %.0f | %.0f |", config, rate.median(), rate.min(), rate.max(),
                    cpu.median(), broker.median(), idle.median() * 100, rss.median(), jit.median());
        });
        Stats producer = Stats.of(tools.stream().map(KafkaTools.Result::producerRecordsPerSecond).toList());
        Stats consumer = Stats.of(tools.stream().map(KafkaTools.Result::consumerRecordsPerSecond).toList());
        line("| Kafka producer perf tool | %.0f | %.0f | %.0f | | | | | |", producer.median(), producer.min(), producer.max());
        line("| Kafka consumer perf tool | %.0f | %.0f | %.0f | | | | | |", consumer.median(), consumer.min(), consumer.max());
        line("");
        line("| ratio, per round | median | min | max |");
        line("|---|---:|---:|---:|");
        for (String[] pair : List.of(new String[]{BenchMain.ROUTING_EOS, BenchMain.PASSTHROUGH_EOS},
                new String[]{BenchMain.ROUTING_ALOS, BenchMain.PASSTHROUGH_ALOS},
                new String[]{BenchMain.NAIVE_EOS, BenchMain.PASSTHROUGH_EOS},
                new String[]{BenchMain.RUNSTATUS_EOS, BenchMain.ROUTING_EOS},
                new String[]{BenchMain.ROUTING_EOS_SMALL_HEAP, BenchMain.ROUTING_EOS},
                new String[]{BenchMain.ROUTING_EOS_PASSTHROUGH_COMMITS, BenchMain.ROUTING_EOS})) {
            if (trials.containsKey(pair[0]) && trials.containsKey(pair[1])) {
                Stats ratio = Stats.of(ratios(pair[0], pair[1]));
                line("| %s ÷ %s | %.3f | %.3f | %.3f |", pair[0], pair[1], ratio.median(), ratio.min(), ratio.max());
            }
        }
        lifecycleTable();
        line("");
        line("End-to-end latency under exactly-once v2 (commit interval %s ms, the routing's default, for all) at %.0f"
                + " documents/s (half the routing's median maximum), after %d s at that rate not counted:",
                RunStatusConfig.DEFAULT_COMMIT_INTERVAL_MS, latencies.get(0).rate(), LatencyProbe.WARM_UP_SECONDS);
        line("");
        line("| application | outputs measured | p50 ms | p99 ms | p99.9 ms | max ms | p99 of each %d s window, ms |",
                LatencyProbe.WINDOW_SECONDS);
        line("|---|---:|---:|---:|---:|---:|---|");
        for (LatencyProbe.Result latency : latencies) {
            line("| %s | %d | %.0f | %.0f | %.0f | %.0f | %s |", latency.app(), latency.measured(), latency.p50Millis(),
                    latency.p99Millis(), latency.p999Millis(), latency.maxMillis(), latency.windowP99Millis().stream()
                            .map(p99 -> String.format(Locale.ROOT, "%.0f", p99)).collect(Collectors.joining(", ")));
        }
        if (!hotPath.isEmpty()) {
            line("");
            line("| JMH hot path (bytes → parse → validate → Avro → wire format) | mean input bytes"
                    + " | ns per record, median iteration | min | max | JMH mean ± error | bytes allocated per record |");
            line("|---|---:|---:|---:|---:|---:|---:|");
            for (HotPathResult result : hotPath) {
                Stats nanos = result.iterationNanos();
                String label = result.benchmark().equals(HotPathBenchmark.HOT_PATH) ? result.document()
                        : result.document() + ", Jackson's tokens alone (parser made, every token read, nothing else)";
                line("| %s | %.0f | %.0f | %.0f | %.0f | %.0f ± %.0f | %.0f |", label, result.meanInputBytes(),
                        nanos.median(), nanos.min(), nanos.max(), result.meanNanos(), result.errorNanos(), result.bytesAllocated());
            }
        }
        line("");
        line("| target | measured | met |");
        line("|---|---|---|");
        targets.forEach(target -> line("| %s | %s | %s |", target[0], target[1], target[2]));
    }

    /** The lifecycle against its peer: CPU per report, application and broker together, and state per million runs. */
    private void lifecycleTable() {
        line("");
        line("| workload | lifecycle: app + broker CPU-s per M reports | peer | lifecycle ÷ peer, per round | state MiB per M runs,"
                + " lifecycle | peer |");
        line("|---|---:|---:|---|---:|---:|");
        for (String workload : workloads.keySet()) {
            String lifecycle = BenchMain.LIFECYCLE + workload;
            String peer = BenchMain.PEER + workload;
            if (has(lifecycle) && has(peer)) {
                Stats ratio = Stats.of(cpuRatios(lifecycle, peer));
                line("| %s | %.1f | %.1f | %.3f (%.3f to %.3f) | %.0f | %.0f |", workload,
                        stats(lifecycle, ThroughputTrial.Result::totalCpuSecondsPerMillion).median(),
                        stats(peer, ThroughputTrial.Result::totalCpuSecondsPerMillion).median(), ratio.median(), ratio.min(),
                        ratio.max(), stateMebibytesPerMillionRuns(lifecycle, workload), stateMebibytesPerMillionRuns(peer, workload));
            }
        }
        if (!queries.isEmpty()) {
            line("");
            line("Query API, %d clients asking for single runs by key as fast as answered (a sample of %s runs); lists of 100 and 1,000"
                    + " runs asked one at a time:", QueryBench.CLIENTS, "20,000");
            line("");
            line("| setup | lookups/s | p50 ms | p99 ms | max ms | list of 100, p50 / p99 ms | list of 1,000, p50 / p99 ms | not 200 |");
            line("|---|---:|---:|---:|---:|---|---|---:|");
            queries.forEach(query -> line("| %s | %.0f | %.1f | %.1f | %.0f | %.1f / %.1f | %.1f / %.1f | %d |", query.setup(),
                    query.lookupsPerSecond(), query.p50Millis(), query.p99Millis(), query.maxMillis(), query.list100P50Millis(),
                    query.list100P99Millis(), query.list1000P50Millis(), query.list1000P99Millis(), query.errors()));
        }
        if (restore != null) {
            line("");
            line("Restoring the lifecycle's state of %d runs (%d changelog records, %.0f MiB on disk) into an empty state directory:"
                    + " %.1f s.", restore.runs(), restore.records(), restore.stateBytes() / 1048576.0, restore.millis() / 1000.0);
        }
    }

    private void line(String format, Object... args) {
        markdown.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
