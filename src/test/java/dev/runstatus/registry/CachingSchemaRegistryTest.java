package dev.runstatus.registry;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CachingSchemaRegistryTest {

    private static final Schema SCHEMA = Schema.createRecord("R", null, null, false,
            List.of(new Schema.Field("a", Schema.create(Schema.Type.STRING))));

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final SwitchableRegistry backing = new SwitchableRegistry(registry);
    private final CachingSchemaRegistry cached = new CachingSchemaRegistry(backing);

    @Test
    void failuresAndAbsencesAreNotCached() {
        backing.switchOff();
        assertThrows(RegistryUnavailableException.class, () -> cached.register("s", SCHEMA));
        backing.switchOn();
        assertEquals(OptionalInt.empty(), cached.lookup("s", SCHEMA));
        int id = backing.register("s", SCHEMA);
        assertEquals(OptionalInt.of(id), cached.lookup("s", SCHEMA));
    }

    @Test
    void idsAndSchemasOnceKnownNeedNoRegistry() {
        int id = cached.register("s", SCHEMA);
        assertEquals(SCHEMA, cached.schemaById(id));
        backing.switchOff();
        assertEquals(id, cached.register("s", SCHEMA));
        assertEquals(OptionalInt.of(id), cached.lookup("s", SCHEMA));
        assertEquals(SCHEMA, cached.schemaById(id));
        assertThrows(RegistryUnavailableException.class, () -> cached.latest("s"));
    }
}
