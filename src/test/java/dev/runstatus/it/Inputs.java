package dev.runstatus.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes input records to the real broker and waits until every one is acknowledged, so that a record
 * the broker did not take is never mistaken for one the pipeline lost.
 */
final class Inputs {

    private Inputs() {
    }

    /** Records the broker refused outright (a broker just restarted may) are sent again, at most three rounds. */
    static void send(String bootstrapServers, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Map<String, Object> properties = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
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
}
