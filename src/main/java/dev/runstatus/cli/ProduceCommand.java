package dev.runstatus.cli;

import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Publishes documents to a raw input topic: files (one document each, exact bytes), JSON lines, "
                + "or a synthetic stream at a given rate (the load generator).",
                "Without --topic, a document goes to its family's raw topic."},
        footer = {"", "Examples:", "  runstatus produce --family run-result result.json other.json",
                "  runstatus produce --family auth-session-result --key op-42 --header trace=abc done.json",
                "  runstatus produce --jsonl results.jsonl --key-separator $'\\t'",
                "  runstatus produce --synthetic --count 100000 --rate 5000 --seed 7"})
final class ProduceCommand implements Callable<Integer> {

    static final class Source {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files, one document each, sent as their exact bytes.")
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

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC",
            description = "Send everything to this input topic instead (a topic of your own; the header runstatus.family says the family).")
    String topic;

    @Option(names = "--key", paramLabel = "KEY", description = "Record key of every file or line (synthetic: runId or an operation id).")
    String key;

    @Option(names = "--key-separator", paramLabel = "SEP", description = "JSON lines are KEY<SEP>DOCUMENT.")
    String keySeparator;

    @Option(names = {"-H", "--header"}, paramLabel = "KEY=VALUE", description = "A header on every record; repeat for more.")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = {"-p", "--partition"}, paramLabel = "N", description = "Send every record to this partition.")
    Integer partition;

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
        requireSensibleOptions();
        if (source.files != null) {
            for (Path file : source.files) {
                DocumentFiles.requireReadable(file);
            }
        }
        if (source.jsonLines != null && !"-".equals(source.jsonLines)) {
            DocumentFiles.requireReadable(Path.of(source.jsonLines));
        }
        RunStatusConfig config = connection.config();
        List<String> targets = topic != null ? List.of(topic)
                : source.synthetic ? SyntheticDocuments.FAMILIES.stream().map(each -> config.topics().name(Topic.inputOf(each))).toList()
                : List.of(config.topics().name(Topic.inputOf(family)));
        requireNoOutputTopic(config);
        Preflight.of(config).kafka().topics(targets);
        Map<String, Object> properties = ClientProperties.common(config);
        properties.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        long sent;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            RecordSender sender = new RecordSender(producer, config.topics(), topic, partition, headers);
            try (Progress progress = Progress.of(spec.commandLine().getErr(), "produce", source.synthetic ? count : 0, sender::acknowledged)) {
                sent = send(sender);
            }
            producer.flush();
            sender.rethrowFailure();
        }
        spec.commandLine().getOut().println("sent " + sent + (sent == 1 ? " record" : " records"));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private void requireSensibleOptions() {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, not " + count);
        }
        if (rate < 0) {
            throw new ParameterException(spec.commandLine(), "--rate must be 0 (as fast as possible) or more, not " + rate);
        }
        if (invalidPercent < 0 || invalidPercent > 100) {
            throw new ParameterException(spec.commandLine(), "--invalid-percent must be between 0 and 100, not " + invalidPercent);
        }
        if (keySeparator != null && keySeparator.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--key-separator must not be empty");
        }
        if (partition != null && partition < 0) {
            throw new ParameterException(spec.commandLine(), "--partition must be 0 or more, not " + partition);
        }
    }

    /** Raw JSON in a topic of Avro records would break every consumer of it. */
    private void requireNoOutputTopic(RunStatusConfig config) {
        if (topic == null) {
            return;
        }
        for (Topic each : Topic.values()) {
            if (!Topic.INPUTS.contains(each) && config.topics().name(each).equals(topic)) {
                throw new ParameterException(spec.commandLine(), topic + " is a topic runstatus writes, not an input: produce"
                        + " sends raw documents, to " + String.join(", ", Topic.INPUTS.stream().map(config.topics()::name).toList())
                        + " or an input topic of your own");
            }
        }
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
            sender.send(family, key == null ? null : utf8(key), DocumentFiles.read(file));
        }
        return source.files.size();
    }

    private long sendLines(RecordSender sender) throws IOException {
        long sent = 0;
        List<Long> withoutKey = new ArrayList<>();
        try (BufferedReader lines = "-".equals(source.jsonLines)
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(source.jsonLines), StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String lineKey = key;
                String document = line;
                if (keySeparator != null && line.contains(keySeparator)) {
                    lineKey = line.substring(0, line.indexOf(keySeparator));
                    document = line.substring(line.indexOf(keySeparator) + keySeparator.length());
                } else if (keySeparator != null) {
                    withoutKey.add(number);
                }
                sender.send(family, lineKey == null ? null : utf8(lineKey), utf8(document));
                sent++;
            }
        }
        if (!withoutKey.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: " + withoutKey.size() + (withoutKey.size() == 1 ? " line has" : " lines have")
                    + " no key separator and went without " + (key == null ? "a key" : "a key of its own (--key " + key + ")")
                    + ": line" + (withoutKey.size() == 1 ? " " : "s ") + withoutKey.subList(0, Math.min(20, withoutKey.size()))
                    .toString().replaceAll("[\\[\\]]", "") + (withoutKey.size() > 20 ? ", ..." : ""));
            err.flush();
        }
        return sent;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
