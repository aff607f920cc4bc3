package dev.runstatus.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the routing's stream thread spends its time, from the execution samples of a Java Flight
 * Recorder file of {@code bash bench/run} ({@code --jfr}): each sample goes to the category of the
 * first frame, from the running method down, that names one. Samples of the lifecycle's threads and of
 * the first warm-up pass (its JVM still compiling) are left out. Prints a Markdown table.
 * <p>Usage: {@code java -cp ... dev.runstatus.bench.RoutingProfile bench/target/runstatus.jfr}
 */
public final class RoutingProfile {

    private static final Map<String, List<String>> CATEGORIES = categories();
    private static final String OTHER = "the JDK and the rest";

    private RoutingProfile() {
    }

    private static Map<String, List<String>> categories() {
        Map<String, List<String>> categories = new LinkedHashMap<>();
        categories.put("meters (Micrometer, Kafka's metrics)", List.of("io.micrometer.", "dev.runstatus.metrics.",
                "org.apache.kafka.common.metrics.", "org.apache.kafka.streams.processor.internals.metrics."));
        categories.put("transactions", List.of("TransactionManager.", ".commitTransaction", ".sendOffsetsToTransaction",
                ".beginTransaction"));
        categories.put("headers (provenance, dead-letter headers)", List.of("dev.runstatus.topology.Provenance.",
                "dev.runstatus.topology.DeadLetterHeaders.", "org.apache.kafka.common.header."));
        categories.put("byte checks", List.of("dev.runstatus.json.ByteLevelCheck."));
        categories.put("parse and validate", List.of("dev.runstatus.reader.", "dev.runstatus.json.", "com.fasterxml.jackson."));
        categories.put("Avro encoding", List.of("org.apache.avro.", "dev.runstatus.topology.OutputEncoder.", "dev.runstatus.schema."));
        categories.put("producer: send, batches, serialization", List.of("org.apache.kafka.clients.producer.",
                "org.apache.kafka.common.record.", "org.apache.kafka.common.compress.", "org.apache.kafka.common.serialization."));
        categories.put("consumer: poll, fetch, network", List.of("org.apache.kafka.clients.consumer.", "org.apache.kafka.clients.",
                "org.apache.kafka.common.network."));
        categories.put("runstatus's routing, other", List.of("dev.runstatus."));
        categories.put("Kafka Streams framework", List.of("org.apache.kafka.streams."));
        return categories;
    }

    public static void main(String[] args) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        CATEGORIES.keySet().forEach(category -> counts.put(category, 0));
        counts.put(OTHER, 0);
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || !routing(event)) {
                continue;
            }
            counts.merge(category(event), 1, Integer::sum);
            total++;
        }
        System.out.println("| where | samples | share |");
        System.out.println("|---|---:|---:|");
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            System.out.printf("| %s | %d | %.0f%% |%n", count.getKey(), count.getValue(), 100.0 * count.getValue() / Math.max(1, total));
        }
        System.out.printf("| all of the routing's stream thread | %d | 100%% |%n", total);
    }

    private static boolean routing(RecordedEvent event) {
        String thread = event.getThread("sampledThread") == null ? "" : event.getThread("sampledThread").getJavaName();
        return thread != null && thread.contains("StreamThread-") && !thread.contains("-lifecycle-") && !thread.contains("warm-up-1-")
                && !thread.startsWith("kafka-producer-network-thread");
    }

    private static String category(RecordedEvent event) {
        List<String> frames = new ArrayList<>();
        if (event.getStackTrace() != null) {
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
            }
        }
        for (String frame : frames) {
            for (Map.Entry<String, List<String>> category : CATEGORIES.entrySet()) {
                if (category.getValue().stream().anyMatch(frame::contains)) {
                    return category.getKey();
                }
            }
        }
        return OTHER;
    }
}
