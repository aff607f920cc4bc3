package dev.runstatus.embedded;

import dev.runstatus.registry.RegistrySettings;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.registry.SchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schemas registered in the embedded registry, a new version among them, keep their ids across a restart. */
class RegistrySnapshotIT {

    private static final Schema FIRST = SchemaBuilder.record("First").namespace("it").fields().requiredString("a").endRecord();
    private static final Schema SECOND = SchemaBuilder.record("First").namespace("it").fields().requiredString("a")
            .optionalString("b").endRecord();
    private static final Schema THIRD = SchemaBuilder.record("Third").namespace("it").fields().requiredLong("c").endRecord();

    @TempDir
    Path data;

    @Test
    void aRestartedRegistryKnowsEverySchemaByItsOldId() throws Exception {
        Path file = data.resolve(EmbeddedRuntime.SNAPSHOT_FILE);
        int first;
        int second;
        try (EmbeddedRegistry registry = new EmbeddedRegistry(EmbeddedRegistry.locateHome(), data, FreePorts.loopback())) {
            registry.start();
            RegistrySnapshot snapshot = new RegistrySnapshot(registry.adminUrl(), file);
            assertFalse(snapshot.restore(), "nothing saved yet");
            SchemaRegistry client = SchemaRegistries.connect(RegistrySettings.defaults(registry.url()));
            first = client.register("s-value", FIRST);
            second = client.register("s-value", SECOND);
            snapshot.close();
        }
        try (EmbeddedRegistry registry = new EmbeddedRegistry(EmbeddedRegistry.locateHome(), data, FreePorts.loopback())) {
            registry.start();
            assertTrue(new RegistrySnapshot(registry.adminUrl(), file).restore());
            SchemaRegistry client = SchemaRegistries.connect(RegistrySettings.defaults(registry.url()));
            assertEquals(OptionalInt.of(first), client.lookup("s-value", FIRST));
            assertEquals(OptionalInt.of(second), client.lookup("s-value", SECOND));
            assertEquals(SECOND, client.schemaById(second));
            int third = client.register("t-value", THIRD);
            assertFalse(Set.of(first, second).contains(third), "a new schema never takes an old id: " + third);
        }
    }
}
