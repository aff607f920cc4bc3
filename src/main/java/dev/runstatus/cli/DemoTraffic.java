package dev.runstatus.cli;

import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * run --demo: a realistic mixed stream (both families, every status, extended payloads, 3% invalid) at
 * a steady rate into the raw topics, and every few seconds a line with the committed record count of every topic.
 */
final class DemoTraffic implements AutoCloseable {

    private static final int RECORDS_PER_SECOND = 50;
    private static final int SUMMARY_SECONDS = 5;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3, runnable -> {
        Thread thread = new Thread(runnable, "runstatus-demo");
        thread.setDaemon(true);
        return thread;
    });
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, Object> consumerProperties;
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final TopicNames topics;
    private final SyntheticDocuments documents = new SyntheticDocuments(System.currentTimeMillis(), 0.03);

    DemoTraffic(RunStatusConfig config) {
        Map<String, Object> properties = ClientProperties.common(config);
        this.consumerProperties = new HashMap<>(properties);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        this.producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = config.topics();
    }

    void start(PrintWriter out) {
        scheduler.execute(this::countRecords);
        scheduler.scheduleAtFixedRate(this::sendOne, 0, 1_000_000 / RECORDS_PER_SECOND, TimeUnit.MICROSECONDS);
        scheduler.scheduleAtFixedRate(() -> printSummary(out), SUMMARY_SECONDS, SUMMARY_SECONDS, TimeUnit.SECONDS);
    }

    private void sendOne() {
        SyntheticDocument document = documents.next();
        Topic topic = Topic.inputOf(document.family());
        producer.send(new ProducerRecord<>(topics.name(topic), document.key(), document.value()));
    }

    private void printSummary(PrintWriter out) {
        StringJoiner line = new StringJoiner("  ");
        Topic.values().stream().forEach(topic -> line.add(topics.name(topic) + "=" + counts.getOrDefault(topics.name(topic), 0L)));
        out.println(line);
        out.flush();
    }

    /** Counts committed records per topic, as a read_committed consumer sees them (offsets also count transaction markers). */
    private void countRecords() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            Topic.values().stream().forEach(topic -> consumer.partitionsFor(topics.name(topic))
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!Thread.currentThread().isInterrupted()) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> counts.merge(record.topic(), 1L, Long::sum));
            }
        } catch (InterruptException | WakeupException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        producer.close();
    }
}
