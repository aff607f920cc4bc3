package dev.runstatus.it;

import dev.runstatus.Fixtures;
import dev.runstatus.app.Pipeline;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.Topics;
import dev.runstatus.embedded.EmbeddedRegistry;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.registry.AvroWireDeserializer;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.validate.DocumentCheck;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.config.IdOption;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Documents of both families into a real broker, exact records out of every topic, on a real registry;
 * every Avro record read twice, by runstatus's own reader and by Apicurio's Kafka deserializer in its
 * Confluent-compatible mode (4-byte ids in the payload), which shares no code with runstatus.
 */
class EndToEndIT {

    private static final DocumentCheck CHECK = new DocumentCheck(SchemaCatalog.bundled(), JsonLimits.defaults());

    @Test
    void everyDocumentComesOutExactlyWhereItBelongs() throws Exception {
        RunStatusConfig config = RealCluster.config(RealCluster.settingsFor("e2e."));
        RealCluster.createTopics(config);
        String bootstrap = RealCluster.runtime().bootstrapServers();

        List<ProducerRecord<byte[], byte[]>> inputs = new ArrayList<>();
        List<Map.Entry<String, Object>> expected = new ArrayList<>();
        List<Map.Entry<String, Object>> expectedPayloads = new ArrayList<>();
        for (Family family : Family.values()) {
            String topic = config.topics().name(Topic.inputOf(family));
            for (Path file : Fixtures.all(family)) {
                byte[] value = Fixtures.bytes(family, file.getFileName().toString());
                Object datum = CHECK.check(family, value).datum();
                String inputKey = "producer-" + file.getFileName();
                String outputKey = family == Family.RUN_RESULT ? ((GenericRecord) datum).get("runId").toString() : inputKey;
                inputs.add(new ProducerRecord<>(topic, utf8(inputKey), value));
                expected.add(Map.entry(outputKey, datum));
                expectedPayloads.addAll(payloadRecords(outputKey, datum));
            }
        }
        List<byte[]> invalid = List.of(utf8("not json"), Fixtures.bytes(Family.AUTH_SESSION_RESULT, "done.json"),
                utf8("{\"runId\":\"r\",\"status\":\"canceled\",\"reason\":{\"type\":\"cancelled-user-action\",\"message\":\"m\"}}"));
        for (int i = 0; i < invalid.size(); i++) {
            inputs.add(new ProducerRecord<>(config.topics().name(Topics.RUN_RESULTS_RAW), utf8("bad-" + i), invalid.get(i)));
        }
        Inputs.send(bootstrap, inputs);

        List<String> outputs = Topic.OUTPUTS.stream()
                .map(topic -> config.topics().name(topic)).toList();
        List<ConsumerRecord<byte[], byte[]>> records;
        try (Pipeline pipeline = Pipeline.start(config)) {
            records = TopicReader.readUntil(bootstrap, outputs, read -> read.size() >= 12 + 4 + 3, Duration.ofSeconds(90));
        }

        Map<String, List<ConsumerRecord<byte[], byte[]>>> byTopic = new HashMap<>();
        records.forEach(record -> byTopic.computeIfAbsent(record.topic(), topic -> new ArrayList<>()).add(record));
        assertEquals(Map.of("e2e.run-results.completed", 2, "e2e.run-results.errors", 3, "e2e.run-results.progress", 2,
                "e2e.run-results.extended-payloads", 4, "e2e.auth-session-results.completed", 1,
                "e2e.auth-session-results.errors", 2, "e2e.auth-session-results.progress", 2, "e2e.runstatus.dlq", 3),
                countsOf(byTopic));

        AvroWireDeserializer reader = new AvroWireDeserializer(SchemaRegistries.connect(config.registrySettings()));
        List<Map.Entry<String, Object>> unmatched = new ArrayList<>(expected);
        records.stream()
                .filter(record -> !record.topic().endsWith("dlq") && !record.topic().endsWith("extended-payloads"))
                .forEach(record -> {
                    Map.Entry<String, Object> actual = Map.entry(new String(record.key(), StandardCharsets.UTF_8),
                            reader.deserialize(record.topic(), record.value()));
                    assertTrue(unmatched.remove(actual), "unexpected " + record.topic() + " " + actual);
                });
        assertEquals(List.of(), unmatched);
        assertEquals(4, expectedPayloads.size());
        assertEverythingReadsWithApicuriosDeserializer(records, expected, expectedPayloads);
        for (ConsumerRecord<byte[], byte[]> deadLetter : byTopic.get("e2e.runstatus.dlq")) {
            int index = Integer.parseInt(new String(deadLetter.key(), StandardCharsets.UTF_8).substring("bad-".length()));
            assertArrayEquals(invalid.get(index), deadLetter.value());
            assertEquals("e2e.run-results.raw", new String(deadLetter.headers().lastHeader("__streams.errors.topic").value(),
                    StandardCharsets.UTF_8));
        }
    }

    /** Every Avro record, payload records included, decoded by Apicurio's deserializer and matched with what was produced. */
    private static void assertEverythingReadsWithApicuriosDeserializer(List<ConsumerRecord<byte[], byte[]>> records,
                                                                      List<Map.Entry<String, Object>> expected,
                                                                      List<Map.Entry<String, Object>> expectedPayloads) {
        String registry = RealCluster.runtime().registryUrl().toString().replace(EmbeddedRegistry.CONFLUENT_API_PATH, "/apis/registry/v2");
        List<Map.Entry<String, Object>> unmatched = new ArrayList<>(expected);
        unmatched.addAll(expectedPayloads);
        int read = 0;
        try (AvroKafkaDeserializer<GenericRecord> apicurio = new AvroKafkaDeserializer<>()) {
            apicurio.configure(Map.of(SerdeConfig.REGISTRY_URL, registry, SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, true,
                    SerdeConfig.USE_ID, IdOption.contentId.name(), SerdeConfig.ENABLE_HEADERS, false), false);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.topic().endsWith("dlq")) {
                    continue;
                }
                GenericRecord decoded = apicurio.deserialize(record.topic(), record.headers(), record.value());
                Map.Entry<String, Object> actual = Map.entry(new String(record.key(), StandardCharsets.UTF_8), decoded);
                assertTrue(unmatched.remove(actual), "Apicurio read something else from " + record.topic() + ": " + actual);
                read++;
            }
        }
        assertEquals(List.of(), unmatched);
        assertEquals(12 + 4, read);
    }

    /** The extended-payload records a valid run result fans out to: {parentRunId, index, payload}, under the run's key. */
    private static List<Map.Entry<String, Object>> payloadRecords(String key, Object datum) {
        GenericRecord run = (GenericRecord) datum;
        if (!run.hasField("extendedPayloads") || run.get("extendedPayloads") == null) {
            return List.of();
        }
        Schema schema = SchemaCatalog.bundled().extendedPayloadSchema();
        List<?> payloads = (List<?>) run.get("extendedPayloads");
        List<Map.Entry<String, Object>> records = new ArrayList<>();
        for (int index = 0; index < payloads.size(); index++) {
            GenericRecord record = new GenericData.Record(schema);
            record.put("parentRunId", run.get("runId"));
            record.put("index", index);
            record.put("payload", payloads.get(index));
            records.add(Map.entry(key, record));
        }
        return records;
    }

    private static Map<String, Integer> countsOf(Map<String, List<ConsumerRecord<byte[], byte[]>>> byTopic) {
        Map<String, Integer> counts = new HashMap<>();
        byTopic.forEach((topic, list) -> counts.put(topic, list.size()));
        return counts;
    }
}
