package dev.runstatus.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One document kind's result in JMH's JSON output. Besides JMH's own mean and error, the median of
 * every measured iteration of every fork: on this shared machine a fork's JVM sometimes runs slow for
 * many of its iterations (seen most in the JMH phase of bench/run), which moves the mean and widens
 * the error but not the median of three forks' iterations, which is what the target is judged on.
 * {@code benchmark} is the method's name: {@link HotPathBenchmark#HOT_PATH} or its floor beside it.
 */
record HotPathResult(String benchmark, String document, double meanInputBytes, double meanNanos, double errorNanos,
                     Stats iterationNanos, double bytesAllocated) {

    static List<HotPathResult> read(JsonNode jmh) {
        List<HotPathResult> results = new ArrayList<>();
        Map<String, Double> meanBytes = new HashMap<>();
        for (JsonNode result : jmh) {
            JsonNode primary = result.path("primaryMetric");
            List<Double> iterations = new ArrayList<>();
            primary.path("rawData").forEach(fork -> fork.forEach(iteration -> iterations.add(iteration.asDouble())));
            String document = result.path("params").path("document").asText();
            String benchmark = result.path("benchmark").asText();
            double inputBytes = meanBytes.computeIfAbsent(document, HotPathBenchmark::meanBytes);
            results.add(new HotPathResult(benchmark.substring(benchmark.lastIndexOf('.') + 1), document, inputBytes,
                    primary.path("score").asDouble(), primary.path("scoreError").asDouble(), Stats.of(iterations),
                    result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble()));
        }
        List<String> missing = HotPathBenchmark.DOCUMENTS_MEASURED.stream()
                .filter(document -> results.stream().noneMatch(result -> result.is(HotPathBenchmark.HOT_PATH, document))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the JMH results have no " + missing + ": those benchmarks failed (see JMH's output)");
        }
        return results;
    }

    boolean is(String benchmark, String document) {
        return this.benchmark.equals(benchmark) && this.document.equals(document);
    }

    /** The median iteration's time for a document of 1 KB, in ns. */
    double nanosPerKilobyte() {
        return iterationNanos.median() * 1024 / meanInputBytes();
    }
}
