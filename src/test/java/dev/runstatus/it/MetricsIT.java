package dev.runstatus.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.app.Pipeline;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.deploy.AlertRules;
import dev.runstatus.deploy.DashboardQueries;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scrapes a pipeline on a real broker while documents flow, and holds the counters to what was sent and written. */
class MetricsIT {

    private static final int DOCUMENTS = 2_000;

    @Test
    void countersMatchWhatWasSentAndWritten() throws Exception {
        RunStatusConfig config = RealCluster.config(RealCluster.settingsFor("metrics."));
        RealCluster.createTopics(config);
        String bootstrap = RealCluster.runtime().bootstrapServers();
        SyntheticDocuments documents = new SyntheticDocuments(11, 0.05);
        Map<Family, Integer> sent = new HashMap<>();
        List<ProducerRecord<byte[], byte[]>> inputs = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            SyntheticDocument document = documents.next();
            Topic topic = Topic.inputOf(document.family());
            inputs.add(new ProducerRecord<>(config.topics().name(topic), document.key(), document.value()));
            sent.merge(document.family(), 1, Integer::sum);
        }
        List<String> outputs = Topic.OUTPUTS.stream()
                .map(topic -> config.topics().name(topic)).toList();

        try (Pipeline pipeline = Pipeline.start(config)) {
            int port = pipeline.httpPort();
            awaitState(pipeline, KafkaStreams.State.RUNNING);
            assertEquals(200, Scrape.get(port, "/health/ready").statusCode());
            assertEquals(200, Scrape.get(port, "/health/live").statusCode());
            Inputs.send(bootstrap, inputs);
            List<ConsumerRecord<byte[], byte[]>> written = TopicReader.readUntil(bootstrap, outputs,
                    read -> read.stream().filter(record -> !record.topic().endsWith("extended-payloads")).count() >= DOCUMENTS,
                    Duration.ofSeconds(120));
            Scrape scrape = Scrape.of(port);
            Files.writeString(Path.of("target", "metrics-scrape.txt"), scrape.text());

            for (Family family : Family.values()) {
                assertEquals(sent.get(family).doubleValue(), scrape.value("runstatus_records_in_total", "family", family.id()),
                        family.id());
            }
            Map<String, Double> writtenPerTopic = new TreeMap<>();
            Map<String, Double> countedPerTopic = new TreeMap<>();
            for (String topic : outputs) {
                writtenPerTopic.put(topic, (double) written.stream().filter(record -> record.topic().equals(topic)).count());
                countedPerTopic.put(topic, scrape.value("runstatus_records_out_total", "topic", topic));
            }
            assertEquals(writtenPerTopic, countedPerTopic);
            double deadLettered = scrape.series().entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith("runstatus_dead_letters_total{"))
                    .mapToDouble(Map.Entry::getValue).sum();
            assertEquals(writtenPerTopic.get("metrics.runstatus.dlq"), deadLettered);
            assertTrue(writtenPerTopic.get("metrics.runstatus.dlq") > 0, "the workload has invalid documents");
            assertEquals(DOCUMENTS - deadLettered, scrape.series().entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith("runstatus_end_to_end_latency_seconds_count{")
                            && !entry.getKey().contains("output=\"dead-letter\""))
                    .mapToDouble(Map.Entry::getValue).sum());
            for (String role : List.of("routing", "lifecycle")) {
                assertEquals(1.0, scrape.value("runstatus_pipeline_state", Map.of("state", "RUNNING", "role", role)), role);
                assertEquals(1.0, scrape.value("runstatus_dependency_up", Map.of("dependency", "schema-registry", "role", role)), role);
            }
            assertTrue(scrape.metricNames().stream().anyMatch(name -> name.startsWith("kafka_stream_")),
                    "Kafka Streams client metrics are exported");
            assertDashboardAndAlertsReadOnlyExportedMetrics(scrape);
            assertEquals(0.0, scrape.series().entrySet().stream().filter(entry -> entry.getKey().startsWith("runstatus_blocked{"))
                    .mapToDouble(Map.Entry::getValue).sum(), "a running instance that keeps up waits on nothing");
        }
    }

    private static void assertDashboardAndAlertsReadOnlyExportedMetrics(Scrape scrape) throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DashboardQueries.FILE.toFile());
        Map<String, Set<String>> missing = new TreeMap<>();
        List<String> expressions = new ArrayList<>(DashboardQueries.expressions(dashboard));
        expressions.addAll(AlertRules.expressions());
        for (String expression : expressions) {
            Set<String> names = new TreeSet<>(DashboardQueries.metricNames(expression));
            names.removeAll(scrape.metricNames());
            if (!names.isEmpty()) {
                missing.put(expression, names);
            }
        }
        assertEquals(Map.of(), missing, "dashboard queries and alert rules naming metrics the pipeline does not export");
    }

    private static void awaitState(Pipeline pipeline, KafkaStreams.State state) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (pipeline.state() != state && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(state, pipeline.state());
    }
}
