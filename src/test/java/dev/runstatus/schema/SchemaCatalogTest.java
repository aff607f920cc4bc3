package dev.runstatus.schema;

import dev.runstatus.avro.AuthSessionCanceled;
import dev.runstatus.avro.AuthSessionDone;
import dev.runstatus.avro.AuthSessionFailed;
import dev.runstatus.avro.AuthSessionInProgress;
import dev.runstatus.avro.AuthSessionPending;
import dev.runstatus.avro.RunExtendedPayload;
import dev.runstatus.avro.RunResult;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SchemaCatalogTest {

    private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();

    @Test
    void holdsEverySchemaFile() {
        assertEquals(Set.of("AuthSessionResult", "Error", "ErrorCategory", "ErrorCode", "ExtendedPayload", "LifecycleEvent",
                "Reason", "ReasonType", "RunExtendedPayload", "RunLifecycleState", "RunResult", "RunStatus"), CATALOG.all().keySet());
    }

    /** Generated classes add only "avro.java.string" properties, which the parsing canonical form leaves out. */
    @Test
    void theGeneratedClassesWereGeneratedFromTheseSchemas() {
        assertEquals(canonical(RunResult.getClassSchema()), canonical(CATALOG.valueSchema(Family.RUN_RESULT)));
        assertEquals(canonical(RunExtendedPayload.getClassSchema()), canonical(CATALOG.extendedPayloadSchema()));
        assertEquals(canonical(Schema.createUnion(AuthSessionInProgress.getClassSchema(), AuthSessionPending.getClassSchema(),
                        AuthSessionDone.getClassSchema(), AuthSessionCanceled.getClassSchema(), AuthSessionFailed.getClassSchema())),
                canonical(CATALOG.valueSchema(Family.AUTH_SESSION_RESULT)));
    }

    private static String canonical(Schema schema) {
        return SchemaNormalization.toParsingForm(schema);
    }

    @Test
    void everyNamedTypeAndFieldCarriesItsDocumentation() {
        Deque<Schema> pending = new ArrayDeque<>(CATALOG.all().values());
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            switch (schema.getType()) {
                case RECORD -> {
                    if (seen.add(schema.getFullName())) {
                        assertNotNull(schema.getDoc(), schema.getFullName());
                        schema.getFields().forEach(field -> {
                            assertNotNull(field.doc(), schema.getFullName() + "." + field.name());
                            pending.push(field.schema());
                        });
                    }
                }
                case UNION -> pending.addAll(schema.getTypes());
                case ARRAY -> pending.push(schema.getElementType());
                case MAP -> pending.push(schema.getValueType());
                default -> {
                }
            }
        }
        assertEquals(true, seen.contains("dev.runstatus.avro.AuthSessionFailed"));
    }

    @Test
    void readsADirectoryWhateverTheOrderOfReferences(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("A.avsc"), "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"b\",\"type\":\"B\"}]}");
        Files.writeString(directory.resolve("B.avsc"), "{\"type\":\"enum\",\"name\":\"B\",\"symbols\":[\"x\"]}");
        Files.writeString(directory.resolve("U.avsc"), "[\"A\", {\"type\":\"record\",\"name\":\"C\",\"fields\":[{\"name\":\"b\",\"type\":\"B\"}]}]");
        SchemaCatalog catalog = SchemaCatalog.load(directory);
        assertEquals(Schema.Type.ENUM, catalog.schema("A").getField("b").schema().getType());
        assertEquals(catalog.schema("A"), catalog.schema("U").getTypes().get(0));
        assertThrows(IllegalArgumentException.class, () -> catalog.schema("Missing"));
    }
}
