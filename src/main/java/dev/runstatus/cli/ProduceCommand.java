package dev.runstatus.cli;

import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Publishes documents to a raw input topic: files (one document each, exact bytes), JSON lines, "
                + "or a synthetic stream at a given rate (the load generator).",
                "Without --topic, a document goes to its family's raw topic."})
final class ProduceCommand implements Callable<Integer> {

    static final class Source {
        @Parameters(paramLabel = "FILE", description = "Files, one document each, sent as their exact bytes.")
        List<Path> files;

        @Option(names = "--jsonl", paramLabel = "FILE|-", description = "One document per line; - reads standard input.")
        String jsonLines;

        @Option(names = "--synthetic", description = "Generate realistic documents of both families.")
        boolean synthetic;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(names = "--family", paramLabel = "run-result|auth-session-result", converter = FamilyConverter.class,
            description = "Family of the files or lines (default run-result); synthetic documents carry their own.")
    Family family = Family.RUN_RESULT;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Send everything to this topic instead.")
    String topic;

    @Option(names = "--key", paramLabel = "KEY", description = "Record key of every file or line (synthetic: runId or an operation id).")
    String key;

    @Option(names = "--key-separator", paramLabel = "SEP", description = "JSON lines are KEY<SEP>DOCUMENT.")
    String keySeparator;

    @Option(names = "--count", defaultValue = "1000", description = "Synthetic: how many documents (default ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--rate", defaultValue = "0", description = "Synthetic: documents per second, 0 for as fast as possible.")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Synthetic: random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--invalid-percent", defaultValue = "1", description = "Synthetic: share of invalid documents (default ${DEFAULT-VALUE}%%).")
    double invalidPercent;

    @Override
    public Integer call() throws IOException, PreflightException {
        RunStatusConfig config = connection.config();
        List<String> targets = topic != null ? List.of(topic)
                : source.synthetic ? List.of(config.topics().name(Topic.RUN_RESULTS_RAW), config.topics().name(Topic.AUTH_SESSION_RESULTS_RAW))
                : List.of(config.topics().name(Topic.inputOf(family)));
        Preflight.of(config).kafka().topics(targets);
        Map<String, Object> properties = ClientProperties.common(config);
        properties.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        long sent;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            RecordSender sender = new RecordSender(producer, config.topics().name(Topic.RUN_RESULTS_RAW),
                    config.topics().name(Topic.AUTH_SESSION_RESULTS_RAW), topic);
            sent = send(sender);
            producer.flush();
            sender.rethrowFailure();
        }
        spec.commandLine().getOut().println("sent " + sent + " records");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private long send(RecordSender sender) throws IOException {
        if (source.synthetic) {
            SyntheticDocuments documents = new SyntheticDocuments(seed, invalidPercent / 100.0);
            Pacer pacer = new Pacer(rate);
            for (long i = 0; i < count; i++) {
                SyntheticDocument document = documents.next();
                pacer.await(i);
                sender.send(document.family(), key == null ? document.key() : utf8(key), document.value());
            }
            return count;
        }
        if (source.jsonLines != null) {
            return sendLines(sender);
        }
        for (Path file : source.files) {
            sender.send(family, key == null ? null : utf8(key), Files.readAllBytes(file));
        }
        return source.files.size();
    }

    private long sendLines(RecordSender sender) throws IOException {
        long sent = 0;
        try (BufferedReader lines = "-".equals(source.jsonLines)
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(source.jsonLines), StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String lineKey = key;
                String document = line;
                if (keySeparator != null && line.contains(keySeparator)) {
                    lineKey = line.substring(0, line.indexOf(keySeparator));
                    document = line.substring(line.indexOf(keySeparator) + keySeparator.length());
                }
                sender.send(family, lineKey == null ? null : utf8(lineKey), utf8(document));
                sent++;
            }
        }
        return sent;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends each record to its family's raw topic (or the one topic given) and remembers the first failure. */
    private static final class RecordSender {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String runTopic;
        private final String authTopic;
        private final String fixedTopic;
        private volatile Exception failure;

        RecordSender(KafkaProducer<byte[], byte[]> producer, String runTopic, String authTopic, String fixedTopic) {
            this.producer = producer;
            this.runTopic = runTopic;
            this.authTopic = authTopic;
            this.fixedTopic = fixedTopic;
        }

        void send(Family family, byte[] key, byte[] value) {
            String target = fixedTopic != null ? fixedTopic : family == Family.RUN_RESULT ? runTopic : authTopic;
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(target, key, value);
            if (fixedTopic != null) {
                record.headers().add(HeaderKeys.FAMILY, utf8(family.id()));
            }
            producer.send(record, (metadata, exception) -> {
                if (exception != null && failure == null) {
                    failure = exception;
                }
            });
        }

        void rethrowFailure() throws IOException {
            if (failure != null) {
                throw new IOException("a record could not be sent: " + failure.getMessage(), failure);
            }
        }
    }
}
