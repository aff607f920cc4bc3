package dev.runstatus.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes input records to the real broker and waits until every one is acknowledged, so that a record
 * the broker did not take is never mistaken for one the pipeline lost.
 */
final class Inputs {

    private Inputs() {
    }

    /**
     * Each partition's first record goes alone and is acknowledged before the rest: kafka-clients 4.3's
     * idempotent producer, bursting into a partition it has not written to yet in a process that has
     * written elsewhere before, may re-send the partition's first batch after later ones were accepted
     * and then retry it on OutOfOrderSequence until delivery.timeout.ms (120 s) expires. Records the
     * broker refused outright (a broker just restarted may) are sent again, at most three rounds.
     */
    static void send(String bootstrapServers, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Map<String, Object> properties = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            Set<TopicPartition> started = new HashSet<>();
            Map<String, Integer> partitions = new HashMap<>();
            List<ProducerRecord<byte[], byte[]>> firsts = new ArrayList<>();
            List<ProducerRecord<byte[], byte[]>> rest = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                Integer partition = partitionOf(record, partitions.computeIfAbsent(record.topic(),
                        topic -> producer.partitionsFor(topic).size()));
                (partition != null && started.add(new TopicPartition(record.topic(), partition)) ? firsts : rest).add(record);
            }
            sendAll(producer, firsts);
            sendAll(producer, rest);
        }
    }

    /** The partition the producer will choose for a record, where it can be known: given, or from its key. */
    private static Integer partitionOf(ProducerRecord<byte[], byte[]> record, int partitions) {
        if (record.partition() != null) {
            return record.partition();
        }
        if (record.key() == null) {
            return null;
        }
        return Utils.toPositive(Utils.murmur2(record.key())) % partitions;
    }

    private static void sendAll(KafkaProducer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records) {
        List<ProducerRecord<byte[], byte[]>> pending = records;
        for (int round = 1; !pending.isEmpty(); round++) {
            List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : pending) {
                acknowledgements.add(producer.send(record));
            }
            producer.flush();
            List<ProducerRecord<byte[], byte[]>> refused = new ArrayList<>();
            ExecutionException last = null;
            for (int i = 0; i < pending.size(); i++) {
                try {
                    acknowledgements.get(i).get();
                } catch (ExecutionException e) {
                    refused.add(pending.get(i));
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while sending inputs", e);
                }
            }
            if (!refused.isEmpty() && round == 3) {
                throw new IllegalStateException(refused.size() + " input records refused three times", last);
            }
            if (!refused.isEmpty()) {
                // a record whose acknowledgement timed out may be on the topic all the same: a test that counts
                // inputs must count what the topic holds, and this line says why it may hold more
                System.err.println("Inputs: " + refused.size() + " of " + pending.size() + " records not acknowledged ("
                        + last.getCause() + "); sending them again");
            }
            pending = refused;
        }
    }
}
