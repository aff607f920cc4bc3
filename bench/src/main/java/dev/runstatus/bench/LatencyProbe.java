package dev.runstatus.bench;

import dev.runstatus.config.Topic;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency at a fixed rate: documents are produced at {@code rate} per second (timestamped
 * when sent, by the workload's producer, so its linger counts) to new input topics while the
 * application (runstatus with both roles, the routing alone, or the passthrough for the ceiling) runs
 * under exactly-once, all at runstatus's default commit interval, so that the ceiling shows what the
 * broker and the machine add; a read_committed consumer of the branch and dead-letter topics measures,
 * for each output, the time from its input's timestamp to the moment it can be read. The application's JVM first runs it over the benchmark
 * workload (in passes, as a throughput run does), and the first {@value #WARM_UP_SECONDS} seconds at
 * the rate are not counted: the measured instance's start (new topics' first schema and metadata
 * look-ups, and, with the earlier one-instance warm-up, the JIT compiling again what that instance's
 * shutdown de-optimized) left a backlog of a few seconds that took up to 30 s to drain at half the
 * maximum. The p99 of each {@value #WINDOW_SECONDS}-second window of the measured part shows whether
 * a tail is steady or a moment.
 */
final class LatencyProbe {

    static final int WARM_UP_SECONDS = 60;
    static final int WINDOW_SECONDS = 10;
    /** Documents made before the run and sent in turn, so that making them costs the machine nothing while it is timed. */
    private static final int PREPARED = 100_000;

    record Result(String app, double rate, long measured, double p50Millis, double p99Millis, double p999Millis, double maxMillis,
                  List<Double> windowP99Millis) {
    }

    /** {@code warmUp}: the workload the application's JVM first runs over, in passes. */
    static Result run(BenchCluster cluster, Path directory, String app, double rate, int seconds, long seed,
                      int jvmWarmUpSeconds, ThroughputTrial.Source warmUp) throws Exception {
        SyntheticDocument[] documents = prepare(seed);
        String name = "lat-" + app;
        String runResults = name + ".run-results.raw";
        String authSessionResults = name + ".auth-session-results.raw";
        Properties settings = ThroughputTrial.settings(cluster, name, StreamsConfig.EXACTLY_ONCE_V2,
                new ThroughputTrial.Source(name, runResults, authSessionResults, Map.of(), 0));
        List<String> outputs = ThroughputTrial.outputs(app, settings);
        List<String> topics = new ArrayList<>(outputs);
        topics.add(runResults);
        topics.add(authSessionResults);
        Properties warmUpSettings = ThroughputTrial.settings(cluster, name + "-warm-up", StreamsConfig.EXACTLY_ONCE_V2, warmUp);
        topics.addAll(ThroughputTrial.outputs(app, warmUpSettings));
        cluster.createTopics(topics);
        Path file = ThroughputTrial.write(settings, directory.resolve(name + ".properties"));
        Path warmUpFile = ThroughputTrial.write(warmUpSettings, directory.resolve(name + "-warm-up.properties"));
        List<String> arguments = List.of(app, file.toString(), warmUpFile.toString(), String.valueOf(jvmWarmUpSeconds));
        try (ChildJvm child = ChildJvm.start(List.of(), StreamsApps.class.getName(), arguments, directory.resolve(name + ".log"))) {
            child.awaitLine(StreamsApps.RUNNING, ThroughputTrial.WARM_UP_TIMEOUT.plusSeconds(jvmWarmUpSeconds));
            List<String> measuredTopics = app.equals(StreamsApps.PASSTHROUGH) ? outputs
                    : Topic.OUTPUTS.stream().filter(topic -> topic.family().flatMap(Topic::extendedPayloadsOf).filter(topic::equals).isEmpty())
                    .map(topic -> settings.getProperty(topic.configKey())).toList();
            long measureFrom = System.currentTimeMillis() + WARM_UP_SECONDS * 1000L;
            Collector collector = new Collector(cluster.bootstrapServers(), measuredTopics, measureFrom);
            Thread consumer = new Thread(collector, "latency-consumer");
            consumer.start();
            long sent = send(cluster.bootstrapServers(), runResults, authSessionResults, rate, WARM_UP_SECONDS + seconds, documents);
            Thread.sleep(5_000);
            collector.stop.set(true);
            consumer.join();
            long[] latencies = collector.latencies();
            if (latencies.length == 0) {
                throw new IllegalStateException("no output was read back of " + sent + " documents sent");
            }
            List<Double> windows = windowP99(latencies, collector.sentAt(), measureFrom, seconds);
            Arrays.sort(latencies);
            return new Result(app, rate, latencies.length, percentile(latencies, 0.50), percentile(latencies, 0.99),
                    percentile(latencies, 0.999), latencies[latencies.length - 1], windows);
        } finally {
            cluster.deleteTopics(topics);
        }
    }

    private static SyntheticDocument[] prepare(long seed) {
        SyntheticDocuments source = new SyntheticDocuments(seed, 0.01);
        SyntheticDocument[] documents = new SyntheticDocument[PREPARED];
        for (int i = 0; i < PREPARED; i++) {
            documents[i] = source.next();
        }
        return documents;
    }

    private static long send(String bootstrap, String runResults, String authSessionResults, double rate, int seconds,
                             SyntheticDocument[] documents) {
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = Workload.producer(bootstrap)) {
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                while (sent < due) {
                    SyntheticDocument document = documents[(int) (sent % PREPARED)];
                    producer.send(new ProducerRecord<>(document.family() == Family.RUN_RESULT ? runResults : authSessionResults,
                            document.key(), document.value()));
                    sent++;
                }
                LockSupport.parkNanos(1_000_000);
            }
        }
        return sent;
    }

    private static List<Double> windowP99(long[] latencies, long[] sentAt, long measureFrom, int seconds) {
        List<List<Long>> windows = new ArrayList<>();
        for (int i = 0; i < (seconds + WINDOW_SECONDS - 1) / WINDOW_SECONDS; i++) {
            windows.add(new ArrayList<>());
        }
        for (int i = 0; i < latencies.length; i++) {
            int window = (int) ((sentAt[i] - measureFrom) / 1000 / WINDOW_SECONDS);
            windows.get(Math.min(window, windows.size() - 1)).add(latencies[i]);
        }
        return windows.stream().filter(window -> !window.isEmpty())
                .map(window -> percentile(window.stream().mapToLong(Long::longValue).sorted().toArray(), 0.99)).toList();
    }

    private static double percentile(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    /** Reads the outputs and keeps, for each one produced after the warm-up, its latency in milliseconds. */
    private static final class Collector implements Runnable {

        final AtomicBoolean stop = new AtomicBoolean();
        private final String bootstrap;
        private final List<String> topics;
        private final long measureFrom;
        private long[] latencies = new long[1 << 16];
        private long[] sentAt = new long[1 << 16];
        private int count;

        Collector(String bootstrap, List<String> topics, long measureFrom) {
            this.bootstrap = bootstrap;
            this.topics = topics;
            this.measureFrom = measureFrom;
        }

        @Override
        public void run() {
            Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.assign(topics.stream().map(topic -> new TopicPartition(topic, 0)).toList());
                consumer.seekToBeginning(consumer.assignment());
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.currentTimeMillis();
                        if (record.timestamp() >= measureFrom) {
                            add(record.timestamp(), now - record.timestamp());
                        }
                    }
                }
            }
        }

        private void add(long timestamp, long latency) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
                sentAt = Arrays.copyOf(sentAt, count * 2);
            }
            sentAt[count] = timestamp;
            latencies[count++] = latency;
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, count);
        }

        long[] sentAt() {
            return Arrays.copyOf(sentAt, count);
        }
    }
}
