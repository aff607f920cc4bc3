package dev.runstatus.cli;

import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.registry.AvroWireDeserializer;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.registry.SchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Prints the records of topics as JSON lines with key, headers, partition and offset, "
                + "decoding Avro values; reads committed records only.",
                "Without --follow it stops at the end of the topics as they were when it started."},
        footer = {"", "Examples:", "  runstatus tail -t run-results.completed --from-beginning",
                "  runstatus tail -t runstatus.dlq --follow"})
final class TailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "Topic to read; repeat for more.")
    List<String> topics;

    @Option(names = "--from-beginning", description = "Start at the earliest record (default: the end).")
    boolean fromBeginning;

    @Option(names = "--follow", description = "Keep printing new records until interrupted.")
    boolean follow;

    @Option(names = "--max", defaultValue = "0", description = "Stop after this many records (0: no limit).")
    long max;

    @Override
    public Integer call() throws PreflightException {
        RunStatusConfig config = connection.config();
        TopicNames names = config.topics();
        Set<String> notAvro = Stream.concat(Topic.INPUTS.stream(), Stream.of(Topic.DEAD_LETTER, Topic.REDRIVE_LEDGER))
                .map(names::name).collect(Collectors.toSet());
        Preflight preflight = Preflight.of(config).kafka().topics(topics);
        SchemaRegistry registry = notAvro.containsAll(topics) ? SchemaRegistries.connect(config.registrySettings()) : preflight.registry();
        Map<String, Object> properties = ClientProperties.common(config);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        RecordPrinter printer = new RecordPrinter(new AvroWireDeserializer(registry), notAvro);
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitionsOf(consumer);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long printed = 0;
            while (max == 0 || printed < max) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    out.println(printer.line(record));
                    if (++printed == max) {
                        break;
                    }
                }
                out.flush();
                if (!follow && reachedEnd(consumer, ends)) {
                    break;
                }
            }
        }
        return ExitCodes.OK;
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("no topic " + topic);
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    /** Under read_committed the position can stop short of the end offset only at aborted or open transactions, so position >= end is the test. */
    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
