package dev.runstatus.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.reader.DocumentReader;
import dev.runstatus.reader.Reading;
import dev.runstatus.registry.InMemorySchemaRegistry;
import dev.runstatus.registry.RegistryUnavailableException;
import dev.runstatus.registry.SwitchableRegistry;
import dev.runstatus.registry.WireFormat;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.DocumentFields;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusReaderTest {

    private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final StatusReader reader = new StatusReader(registry);

    @Test
    void readsTheStatusOfEveryBranchRecordAsTheDocumentSaidIt() throws Exception {
        DocumentReader documents = DocumentFields.reader(CATALOG, JsonLimits.defaults());
        Map<Family, Integer> ids = new HashMap<>();
        for (Family family : Family.values()) {
            ids.put(family, registry.register(family.id() + "-value", CATALOG.valueSchema(family)));
        }
        SyntheticDocuments synthetic = new SyntheticDocuments(11, 0);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3_000; i++) {
            SyntheticDocument document = synthetic.next();
            Reading reading = documents.read(document.family(), document.value());
            assertTrue(reading.valid(), () -> new String(document.value()));
            String expected = JSON.readTree(document.value()).get("status").asText();
            byte[] branchRecord = WireFormat.frame(ids.get(document.family()), reading.avro());
            assertEquals(expected, reader.status(branchRecord));
            seen.add(document.family().id() + " " + expected);
        }
        assertEquals(10, seen.size(), "every status of both families: " + seen);
    }

    @Test
    void aRecordNoRetryCanReadIsUnreadableAndSaysWhy() throws IOException {
        Schema other = SchemaBuilder.record("Other").namespace("dev.runstatus.test").fields().requiredString("name").endRecord();
        GenericRecord record = new GenericData.Record(other);
        record.put("name", "x");
        ByteArrayOutputStream avro = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(avro, null);
        new GenericDatumWriter<GenericRecord>(other).write(record, encoder);
        encoder.flush();
        int id = registry.register("other-value", other);

        assertUnreadable("the writer schema of id " + id + " has no status field", WireFormat.frame(id, avro.toByteArray()));
        assertUnreadable("the value is not in the schema registry's wire format (20 bytes, first byte 123)",
                "{\"status\":\"started\"}".getBytes());
        assertUnreadable("the value does not decode with the writer schema of id " + id,
                WireFormat.frame(id, new byte[]{(byte) 0x80}));
        assertUnreadable("the schema registry has no schema with id 4711", WireFormat.frame(4711, avro.toByteArray()));
        assertUnreadable("the record has no value", null);
    }

    @Test
    void aRegistryThatDoesNotAnswerIsNotTheRecordsFault() {
        int id = registry.register("run-result-value", CATALOG.valueSchema(Family.RUN_RESULT));
        SwitchableRegistry away = new SwitchableRegistry(registry);
        away.switchOff();
        assertThrows(RegistryUnavailableException.class, () -> new StatusReader(away).status(WireFormat.frame(id, new byte[]{0})));
    }

    private void assertUnreadable(String cause, byte[] value) {
        UnreadableReportException unreadable = assertThrows(UnreadableReportException.class, () -> reader.status(value));
        assertEquals(cause, unreadable.getMessage());
    }

    @Test
    void theProjectionKeepsOnlyTheStatusOfEachRecordOfAUnion() {
        Schema projected = StatusReader.statusOnly(CATALOG.valueSchema(Family.AUTH_SESSION_RESULT));
        assertEquals(Schema.Type.UNION, projected.getType());
        for (Schema branch : projected.getTypes()) {
            assertEquals(1, branch.getFields().size(), branch.toString());
            assertEquals("status", branch.getFields().get(0).name());
        }
    }
}
