package dev.runstatus.audit;

import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Sends dead letters back to the input topic they came from, with their original key, value, timestamp
 * and headers, the error and provenance headers stripped. Each one sent is written, in the same
 * transaction, to the redrive ledger, so no dead letter is ever sent twice; a record that was redriven
 * and dead-lettered again is reported and only sent once more when asked ({@code again}).
 */
public final class Redriver {

    private final AtomicLong recordsRead = new AtomicLong();

    private static final int BATCH = 500;

    private final Map<String, Object> clientProperties;
    private final TopicNames topics;
    private final String transactionalId;

    public Redriver(Map<String, Object> clientProperties, TopicNames topics, String transactionalId) {
        this.clientProperties = clientProperties;
        this.topics = topics;
        this.transactionalId = transactionalId;
    }

    public RedriveReport redrive(RedriveFilter filter, long limit, boolean dryRun, boolean again, Consumer<String> out) {
        RedriveReport report = new RedriveReport();
        Set<String> inputs = Topic.INPUTS.stream().map(topics::name).collect(Collectors.toSet());
        try (TopicScan scan = new TopicScan(clientProperties, recordsRead); Sender sender = dryRun ? null : new Sender(out)) {
            Set<String> redriven = new HashSet<>();
            scan.read(scan.whole(List.of(topics.name(Topic.REDRIVE_LEDGER))),
                    entry -> redriven.add(new String(entry.key(), StandardCharsets.UTF_8)));
            scan.read(scan.whole(List.of(topics.name(Topic.DEAD_LETTER))), deadLetter -> {
                report.read++;
                if (!filter.selects(deadLetter)) {
                    return;
                }
                report.selected++;
                String from = deadLetter.topic() + "/" + deadLetter.partition() + "@" + deadLetter.offset();
                String source = Provenances.text(deadLetter.headers(), HeaderKeys.STREAMS_TOPIC).orElse("");
                String earlier = Provenances.text(deadLetter.headers(), HeaderKeys.REDRIVE_FROM).orElse(null);
                if (redriven.contains(from)) {
                    report.redrivenBefore++;
                } else if (earlier != null && !again) {
                    report.deadLetteredAgain++;
                    out.accept("SKIPPED " + from + ": dead-lettered again after it was redriven from " + earlier
                            + " (" + describe(deadLetter) + "); --again sends it once more");
                } else if (!inputs.contains(source)) {
                    report.notFromAnInput++;
                    out.accept("SKIPPED " + from + ": its source topic '" + source + "' is not an input topic");
                } else if (report.sent >= limit) {
                    report.overLimit++;
                } else {
                    report.sent++;
                    String line = from + " -> " + source + " (" + describe(deadLetter) + ")";
                    if (sender == null) {
                        out.accept("WOULD SEND " + line);
                    } else {
                        sender.add(redriven(deadLetter, source, from), ledgerEntry(from, source), "SENT " + line);
                    }
                }
            });
        }
        return report;
    }

    /** Records read so far, ledger and dead letters, for a progress line. */
    public long recordsRead() {
        return recordsRead.get();
    }

    private static ProducerRecord<byte[], byte[]> redriven(ConsumerRecord<byte[], byte[]> deadLetter, String source, String from) {
        RecordHeaders headers = new RecordHeaders();
        int count = 0;
        for (Header header : deadLetter.headers()) {
            if (header.key().equals(HeaderKeys.REDRIVE_COUNT)) {
                count = Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8).trim());
            } else if (!HeaderKeys.DEAD_LETTER_HEADERS.contains(header.key()) && !HeaderKeys.PROVENANCE_HEADERS.contains(header.key())
                    && !header.key().equals(HeaderKeys.REDRIVE_FROM)) {
                headers.add(header.key(), header.value());
            }
        }
        headers.add(HeaderKeys.REDRIVE_FROM, from.getBytes(StandardCharsets.UTF_8));
        headers.add(HeaderKeys.REDRIVE_COUNT, String.valueOf(count + 1).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(source, null, deadLetter.timestamp(), deadLetter.key(), deadLetter.value(), headers);
    }

    private ProducerRecord<byte[], byte[]> ledgerEntry(String from, String source) {
        return new ProducerRecord<>(topics.name(Topic.REDRIVE_LEDGER), from.getBytes(StandardCharsets.UTF_8),
                ("{\"redrivenTo\":\"" + source + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(ConsumerRecord<byte[], byte[]> deadLetter) {
        return Provenances.text(deadLetter.headers(), HeaderKeys.ERROR_STAGE).orElse("?") + "/"
                + Provenances.text(deadLetter.headers(), HeaderKeys.ERROR_REASON).orElse("?")
                + Provenances.text(deadLetter.headers(), HeaderKeys.ERROR_FAMILY).map(family -> ", " + family).orElse("");
    }

    /** Sends in transactions of up to {@value #BATCH} records, each with its ledger entry; says what it sent once committed. */
    private final class Sender implements AutoCloseable {

        private final KafkaProducer<byte[], byte[]> producer;
        private final Consumer<String> out;
        private final List<ProducerRecord<byte[], byte[]>> pending = new ArrayList<>();
        private final List<String> lines = new ArrayList<>();

        Sender(Consumer<String> out) {
            this.out = out;
            Map<String, Object> properties = new HashMap<>(clientProperties);
            properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
            producer.initTransactions();
        }

        void add(ProducerRecord<byte[], byte[]> record, ProducerRecord<byte[], byte[]> ledgerEntry, String line) {
            pending.add(record);
            pending.add(ledgerEntry);
            lines.add(line);
            if (pending.size() >= 2 * BATCH) {
                flush();
            }
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            producer.beginTransaction();
            pending.forEach(producer::send);
            producer.commitTransaction();
            pending.clear();
            lines.forEach(out);
            lines.clear();
        }

        @Override
        public void close() {
            try {
                flush();
            } finally {
                producer.close();
            }
        }
    }
}
