package dev.runstatus.bench;

import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The fixed, seeded workload: {@code documents} synthetic documents of both families (every status,
 * extended payloads, about 1% invalid, about 1 KB median), each a run of its own or, polling, several
 * reports per run ({@link PollingDocuments}), produced once into the two input topics,
 * one partition each; the first {@value #PAYLOAD_FILE_DOCUMENTS} also go to a file for Kafka's
 * producer performance tool, one per line.
 */
record Workload(String name, long documents, long runResults, long invalid, int medianBytes, Path payloadFile, boolean polling,
                long runs) {

    static final int PAYLOAD_FILE_DOCUMENTS = 100_000;
    /** The workload of the throughput runs, each document a run of its own: the worst case for the lifecycle. */
    static final String ONE_REPORT_PER_RUN = "bench";
    /** The workload of polling producers, about four reports per run. */
    static final String POLLING = "polling";
    /**
     * The pipeline's own producer settings (runstatus's defaults for its Streams producer) with acks=all,
     * as exactly-once sets it: every producer that loads documents uses them, the producer perf tool's
     * included, so that the load and the tool are measured with what the pipeline writes with.
     */
    static final Map<String, String> PRODUCER_SETTINGS = pipelineProducerSettings();

    /**
     * {@code polling}: the documents of {@link PollingDocuments}, several reports per run, instead of one
     * report per run. {@code runs} counts the runs (and auth sessions) the valid documents report on.
     */
    static Workload produce(BenchCluster cluster, long documents, long seed, Path payloadFile, boolean polling) throws Exception {
        String name = polling ? POLLING : ONE_REPORT_PER_RUN;
        String runResultsTopic = name + ".run-results.raw";
        String authSessionResultsTopic = name + ".auth-session-results.raw";
        cluster.createTopics(java.util.List.of(runResultsTopic, authSessionResultsTopic));
        SyntheticDocuments oneReportPerRun = new SyntheticDocuments(seed, 0.01);
        PollingDocuments severalReportsPerRun = new PollingDocuments(seed, 0.01);
        Supplier<SyntheticDocument> source = polling ? severalReportsPerRun::next : oneReportPerRun::next;
        int[] sizes = new int[(int) Math.min(documents, 100_000)];
        long runResults = 0;
        long invalid = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer(cluster.bootstrapServers());
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(payloadFile))) {
            for (long i = 0; i < documents; i++) {
                SyntheticDocument document = source.get();
                boolean run = document.family() == Family.RUN_RESULT;
                runResults += run ? 1 : 0;
                invalid += document.valid() ? 0 : 1;
                if (i < sizes.length) {
                    sizes[(int) i] = document.value().length;
                }
                if (i < PAYLOAD_FILE_DOCUMENTS && document.value().length > 0 && noNewline(document.value())) {
                    file.write(document.value());
                    file.write('\n');
                }
                producer.send(new ProducerRecord<>(run ? runResultsTopic : authSessionResultsTopic, document.key(), document.value()));
            }
            producer.flush();
        } catch (IOException e) {
            throw new IOException("cannot write " + payloadFile, e);
        }
        Arrays.sort(sizes);
        return new Workload(name, documents, runResults, invalid, sizes[sizes.length / 2], payloadFile, polling,
                polling ? severalReportsPerRun.runs() : documents - invalid);
    }

    String runResultsTopic() {
        return name + ".run-results.raw";
    }

    String authSessionResultsTopic() {
        return name + ".auth-session-results.raw";
    }

    /** Branch records a routing of the workload writes: one per valid document. */
    long reports() {
        return documents - invalid;
    }

    /** The producer that loads documents, with {@link #PRODUCER_SETTINGS}. */
    static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Map<String, Object> properties = new HashMap<>(PRODUCER_SETTINGS);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Map<String, String> pipelineProducerSettings() {
        String prefix = StreamsConfig.producerPrefix("");
        Map<String, String> settings = new TreeMap<>(Map.of(ProducerConfig.ACKS_CONFIG, "all"));
        RunStatusConfig.defaults().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                settings.put(key.substring(prefix.length()), value);
            }
        });
        return settings;
    }

    private static boolean noNewline(byte[] value) {
        for (byte b : value) {
            if (b == '\n') {
                return false;
            }
        }
        return true;
    }
}
