package dev.runstatus.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runstatus.app.Pipeline;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.Topics;
import dev.runstatus.registry.AvroWireDeserializer;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented models grew: client 0.4.2 added {@code cancelled-user-action} to {@code reason.type}. With
 * the 0.4.1 schemas deployed such a document is dead-lettered; the schema version that adds the symbol
 * passes the compatibility check (FULL_TRANSITIVE), is registered, the pipeline is upgraded to it, the
 * dead letters are redriven and come through, old readers still read the new records, and the ledger balances.
 */
class SchemaEvolutionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CANCELLED_BY_USER = 3;

    @TempDir
    Path directory;

    @Test
    void aNewEnumValueIsDeadLetteredThenRedrivenAfterTheSchemaUpgrade() throws Exception {
        Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("evolve."));
        settings.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, "false");
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        String bootstrap = RealCluster.runtime().bootstrapServers();
        String properties = "--config=" + Cli.propertiesFile(settings, directory.resolve("before.properties"));
        assertEquals(0, Cli.run("schemas", "register", properties).exitCode(), "the 0.4.1 schemas, FULL_TRANSITIVE");
        String raw = config.topics().name(Topics.RUN_RESULTS_RAW);
        String errors = config.topics().name(Topics.RUN_RESULTS_ERRORS);
        String deadLetters = config.topics().name(Topic.DEAD_LETTER);

        List<ProducerRecord<byte[], byte[]>> inputs = new ArrayList<>();
        for (int i = 0; i < CANCELLED_BY_USER; i++) {
            inputs.add(new ProducerRecord<>(raw, utf8("user-" + i), utf8("{\"runId\":\"user-cancel-" + i + "\",\"status\":\"canceled\","
                    + "\"message\":\"Canceled\",\"reason\":{\"type\":\"cancelled-user-action\",\"message\":\"The user canceled it\"}}")));
        }
        inputs.add(new ProducerRecord<>(raw, utf8("done"), utf8("{\"runId\":\"done-1\",\"status\":\"completed\",\"result\":{}}")));
        Inputs.send(bootstrap, inputs);
        try (Pipeline pipeline = Pipeline.start(config)) {
            List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.readUntil(bootstrap, List.of(deadLetters),
                    read -> read.size() >= CANCELLED_BY_USER, Duration.ofSeconds(90));
            assertEquals(CANCELLED_BY_USER, dead.size());
            for (ConsumerRecord<byte[], byte[]> record : dead) {
                assertEquals("schema-violation", header(record, HeaderKeys.ERROR_REASON));
                assertTrue(header(record, HeaderKeys.ERROR_VIOLATIONS).startsWith("[{\"path\":\"/reason/type\",\"reason\":\"unknown enum value\""),
                        header(record, HeaderKeys.ERROR_VIOLATIONS));
            }
        }

        Path evolved = EvolvedSchemas.write(directory.resolve("schemas-0.4.2"));
        Cli check = Cli.run("schemas", "check", properties, "--schemas-dir", evolved.toString());
        assertEquals(0, check.exitCode(), check.toString());
        assertTrue(check.out().contains("evolve.run-results.errors-value compatible"), check.out());
        Cli breaking = Cli.run("schemas", "check", properties, "--schemas-dir", breakingChange(evolved).toString());
        assertEquals(1, breaking.exitCode(), "a changed field type is refused: " + breaking);
        assertTrue(breaking.out().contains("evolve.run-results.errors-value INCOMPATIBLE"), breaking.out());
        assertEquals(0, Cli.run("schemas", "register", properties, "--schemas-dir", evolved.toString()).exitCode());

        settings.put(ConfigKeys.SCHEMAS_DIR, evolved.toString());
        String upgraded = "--config=" + Cli.propertiesFile(settings, directory.resolve("after.properties"));
        try (Pipeline pipeline = Pipeline.start(RealCluster.config(settings))) {
            Cli redrive = Cli.run("redrive", upgraded, "--reason", "schema-violation");
            assertEquals(0, redrive.exitCode(), redrive.toString());
            assertEquals(CANCELLED_BY_USER, redrive.out().lines().filter(line -> line.startsWith("SENT " + deadLetters)).count(),
                    redrive.out());
            List<ConsumerRecord<byte[], byte[]>> canceled = TopicReader.readUntil(bootstrap, List.of(errors),
                    read -> read.size() >= CANCELLED_BY_USER, Duration.ofSeconds(90));
            assertEquals(CANCELLED_BY_USER, canceled.size());
            AvroWireDeserializer current = new AvroWireDeserializer(SchemaRegistries.connect(config.registrySettings()));
            AvroWireDeserializer oldReader = new AvroWireDeserializer(SchemaRegistries.connect(config.registrySettings()),
                    SchemaCatalog.bundled().valueSchema(Family.RUN_RESULT), false);
            for (ConsumerRecord<byte[], byte[]> record : canceled) {
                assertEquals("cancelled_user_action", reasonType(current.deserialize(errors, record.value())));
                assertEquals("UNKNOWN", reasonType(oldReader.deserialize(errors, record.value())));
            }

            Cli again = Cli.run("redrive", upgraded, "--reason", "schema-violation");
            assertEquals(0, again.exitCode(), again.toString());
            assertTrue(again.out().contains("skipped, redriven before             " + CANCELLED_BY_USER), again.out());
            assertTrue(again.out().contains("sent                                 0"), again.out());

            Cli reconcile = Cli.run("reconcile", upgraded, "--family", "run-result");
            assertEquals(0, reconcile.exitCode(), reconcile.toString());
            assertTrue(reconcile.out().contains("input records            " + (inputs.size() + CANCELLED_BY_USER)), reconcile.out());
        }
        List<ConsumerRecord<byte[], byte[]>> redriven = TopicReader.readAll(bootstrap, List.of(raw), Duration.ofSeconds(60)).stream()
                .filter(record -> record.headers().lastHeader(HeaderKeys.REDRIVE_FROM) != null).toList();
        assertEquals(CANCELLED_BY_USER, redriven.size());
        for (ConsumerRecord<byte[], byte[]> record : redriven) {
            assertEquals("1", header(record, HeaderKeys.REDRIVE_COUNT));
            for (String errorHeader : HeaderKeys.DEAD_LETTER_HEADERS) {
                assertEquals(null, record.headers().lastHeader(errorHeader), errorHeader + " is stripped");
            }
        }
    }

    /** The evolved schemas with one change no reader can follow: a run's message becomes a number. */
    private Path breakingChange(Path evolved) throws Exception {
        Path broken = Files.createDirectories(directory.resolve("schemas-broken"));
        try (Stream<Path> files = Files.list(evolved)) {
            for (Path file : files.toList()) {
                Files.copy(file, broken.resolve(file.getFileName()));
            }
        }
        Path runResult = broken.resolve("RunResult.avsc");
        ObjectNode schema = (ObjectNode) JSON.readTree(runResult.toFile());
        schema.get("fields").forEach(field -> {
            if (field.get("name").asText().equals("message")) {
                ((ObjectNode) field).set("type", JSON.createArrayNode().add("null").add("long"));
            }
        });
        JSON.writerWithDefaultPrettyPrinter().writeValue(runResult.toFile(), schema);
        return broken;
    }

    private static String reasonType(Object runResult) {
        return ((GenericRecord) ((GenericRecord) runResult).get("reason")).get("type").toString();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
