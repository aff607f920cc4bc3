package dev.runstatus.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kafka's own producer and consumer performance tools, on the workload's documents, in their own JVMs. */
final class KafkaTools {

    private static final Pattern PRODUCER_SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec.*");

    private final BenchCluster cluster;
    private final Workload workload;
    private final Path directory;
    private int runs;

    KafkaTools(BenchCluster cluster, Workload workload, Path directory) {
        this.cluster = cluster;
        this.workload = workload;
        this.directory = directory;
    }

    record Result(double producerRecordsPerSecond, double consumerRecordsPerSecond) {
    }

    /** The producer tool sends as many documents as the workload has, with the pipeline's producer settings; the consumer tool reads them back. */
    Result run() throws Exception {
        String topic = "perf" + (++runs);
        cluster.createTopics(List.of(topic));
        try {
            List<String> arguments = new ArrayList<>(List.of("--topic", topic, "--num-records", String.valueOf(workload.documents()),
                    "--throughput", "-1", "--payload-file", workload.payloadFile().toString(), "--producer-props",
                    "bootstrap.servers=" + cluster.bootstrapServers()));
            Workload.PRODUCER_SETTINGS.forEach((key, value) -> arguments.add(key + "=" + value));
            List<String> produced = tool("org.apache.kafka.tools.ProducerPerformance", arguments, topic + "-producer");
            double producer = produced.stream().map(PRODUCER_SUMMARY::matcher).filter(Matcher::matches)
                    .mapToDouble(matcher -> Double.parseDouble(matcher.group(2))).reduce((first, last) -> last)
                    .orElseThrow(() -> new IllegalStateException("no summary from ProducerPerformance: " + produced));
            List<String> consumed = tool("org.apache.kafka.tools.ConsumerPerformance", List.of("--bootstrap-server",
                    cluster.bootstrapServers(), "--topic", topic, "--messages", String.valueOf(workload.documents()),
                    "--timeout", "120000"), topic + "-consumer");
            return new Result(producer, consumerRate(consumed));
        } finally {
            cluster.deleteTopics(List.of(topic));
        }
    }

    /** fetch.nMsg.sec: records per second while fetching, without the group join. */
    private static double consumerRate(List<String> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            List<String> header = List.of(lines.get(i).split(",\\s*"));
            int column = header.indexOf("fetch.nMsg.sec");
            if (column >= 0) {
                return Double.parseDouble(lines.get(i + 1).split(",\\s*")[column].trim());
            }
        }
        throw new IllegalStateException("no fetch.nMsg.sec from ConsumerPerformance: " + lines);
    }

    private List<String> tool(String mainClass, List<String> args, String name) throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of("-Xmx2g"), mainClass, args, directory.resolve(name + ".log"))) {
            List<String> lines = child.remainingLines(Duration.ofMinutes(10));
            if (child.exitCode() != 0) {
                throw new IllegalStateException(mainClass + " failed: " + lines);
            }
            return lines;
        }
    }
}
