package dev.runstatus.audit;

import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.schema.Family;
import dev.runstatus.topology.InputRange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Proves that each input record in a range is accounted for exactly once: on exactly one branch topic
 * or the dead-letter topic, with exactly as many extended-payload records as its document has. Reads
 * the input range, then every output topic whole, all read_committed, matching outputs to inputs by
 * their provenance headers. Each problem is reported as it is found, with its coordinates.
 */
public final class Reconciler {

    private final AtomicLong recordsRead = new AtomicLong();

    /** Duplicated inputs whose copies are listed by their coordinates; beyond this, only counted, so memory stays bounded. */
    private static final int LISTED_DUPLICATES = 1_000;

    private final Map<String, Object> clientProperties;
    private final TopicNames outputs;
    private final Set<String> payloadTopics;

    /** {@code outputs} names the output topics to check: the pipeline's, or those of a replay into a prefix. */
    public Reconciler(Map<String, Object> clientProperties, TopicNames outputs) {
        this.clientProperties = clientProperties;
        this.outputs = outputs;
        this.payloadTopics = Family.values().stream().flatMap(family -> Topic.extendedPayloadsOf(family).stream())
                .map(outputs::name).collect(Collectors.toSet());
    }

    public ReconcileReport reconcile(InputRange range, Family family, Consumer<String> problems) {
        ReconcileReport report = new ReconcileReport();
        Ledger ledger = new Ledger(range);
        try (TopicScan scan = new TopicScan(clientProperties, recordsRead)) {
            Map<TopicPartition, TopicScan.Span> inputSpans = new HashMap<>();
            range.partitions().forEach((partition, offsets) -> inputSpans.put(new TopicPartition(range.topic(), partition),
                    new TopicScan.Span(offsets.start(), offsets.end())));
            scan.read(inputSpans, record -> {
                ledger.input(record.partition(), record.offset(), PayloadCount.of(familyOf(record, family), record.value()));
                report.inputs++;
            });
            List<String> topics = Topic.OUTPUTS.stream().map(outputs::name).toList();
            Map<TopicPartition, TopicScan.Span> outputSpans = scan.whole(topics);
            scan.read(outputSpans, record -> attribute(record, range, ledger, report, problems));
            Map<String, List<String>> duplicates = new TreeMap<>();
            ledger.forEachInput((partition, offset, outcomes, deadLettered, expectedPayloads, payloads) -> {
                String input = range.topic() + "/" + partition + "@" + offset;
                if (outcomes == 0) {
                    report.missing++;
                    problems.accept("MISSING    " + input + ": on no branch topic and not dead-lettered");
                } else if (outcomes > 1) {
                    report.duplicated++;
                    if (duplicates.size() < LISTED_DUPLICATES) {
                        duplicates.put(input, new ArrayList<>());
                    } else {
                        problems.accept("DUPLICATED " + input + ": on " + outcomes + " branch or dead-letter records");
                    }
                }
                if (outcomes > 0 && payloads != expectedPayloads) {
                    report.payloadMismatches++;
                    problems.accept("PAYLOADS   " + input + ": " + expectedPayloads + " extended-payload records expected, "
                            + payloads + " found");
                }
            });
            if (!duplicates.isEmpty()) {
                listCopies(scan, outputSpans, duplicates, problems);
            }
        }
        return report;
    }

    /** A second read of the outputs, only when there are duplicates: where each copy of a duplicated input is. */
    private void listCopies(TopicScan scan, Map<TopicPartition, TopicScan.Span> outputSpans, Map<String, List<String>> duplicates,
                            Consumer<String> problems) {
        scan.read(outputSpans, record -> Provenances.of(record.headers()).ifPresent(from -> {
            List<String> copies = duplicates.get(from.topic() + "/" + from.partition() + "@" + from.offset());
            if (copies != null && !payloadTopics.contains(record.topic())) {
                copies.add(record.topic() + "/" + record.partition() + "@" + record.offset());
            }
        }));
        duplicates.forEach((input, copies) -> problems.accept("DUPLICATED " + input + ": on " + copies.size()
                + " branch or dead-letter records: " + String.join(", ", copies)));
    }

    private void attribute(ConsumerRecord<byte[], byte[]> record, InputRange range, Ledger ledger, ReconcileReport report,
                           Consumer<String> problems) {
        Optional<Provenances> source = Provenances.of(record.headers());
        if (source.isEmpty()) {
            report.withoutProvenance++;
            return;
        }
        Provenances from = source.get();
        if (!range.contains(from.topic(), from.partition(), from.offset())) {
            return;
        }
        if (!ledger.hasInput(from.partition(), from.offset())) {
            report.orphaned++;
            problems.accept("ORPHANED   " + record.topic() + "/" + record.partition() + "@" + record.offset() + ": names input "
                    + from.topic() + "/" + from.partition() + "@" + from.offset() + ", where there is no input record");
            return;
        }
        if (payloadTopics.contains(record.topic())) {
            ledger.payload(from.partition(), from.offset());
            report.payloadRecords++;
            return;
        }
        boolean deadLetter = record.topic().equals(outputs.name(Topic.DEAD_LETTER));
        ledger.outcome(from.partition(), from.offset(), deadLetter);
        if (deadLetter) {
            report.deadLettered++;
            String reason = Provenances.text(record.headers(), HeaderKeys.ERROR_STAGE).orElse("?") + "/"
                    + Provenances.text(record.headers(), HeaderKeys.ERROR_REASON).orElse("?");
            report.perDeadLetterReason.merge(reason, 1L, Long::sum);
        } else {
            report.perOutputTopic.merge(record.topic(), 1L, Long::sum);
        }
    }

    /** Records read so far, inputs and outputs, for a progress line. */
    public long recordsRead() {
        return recordsRead.get();
    }

    private static Family familyOf(ConsumerRecord<byte[], byte[]> record, Family topicFamily) {
        return Provenances.text(record.headers(), HeaderKeys.FAMILY).flatMap(Family::byId).orElse(topicFamily);
    }
}
