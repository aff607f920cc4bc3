package dev.runstatus.registry;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemorySchemaRegistryTest {

    private static Schema reasonType(String... symbols) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"type\",\"type\":"
                + "{\"type\":\"enum\",\"name\":\"T\",\"symbols\":[" + String.join(",", symbols) + "],\"default\":\"UNKNOWN\"}}]}");
    }

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
    }

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void theSameSchemaHasOneIdUnderEverySubjectAndRegistersOnce() {
        Schema schema = record("{\"name\":\"a\",\"type\":\"string\"}");
        assertEquals(1, registry.register("x-value", schema));
        assertEquals(1, registry.register("y-value", schema));
        assertEquals(1, registry.register("x-value", schema));
        assertEquals(List.of(1), registry.versions("x-value"));
        assertEquals(OptionalInt.of(1), registry.lookup("y-value", schema));
        assertEquals(OptionalInt.empty(), registry.lookup("z-value", schema));
        assertEquals(schema, registry.schemaById(1));
        assertEquals(List.of("x-value", "y-value"), registry.subjects());
    }

    @Test
    void backwardByDefaultRefusesANewRequiredField() {
        registry.register("s", record("{\"name\":\"a\",\"type\":\"string\"}"));
        Schema required = record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\"}");
        Schema optional = record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":[\"null\",\"string\"],\"default\":null}");
        assertFalse(registry.compatibility("s", required).compatible());
        RegistryException refused = assertThrows(RegistryException.class, () -> registry.register("s", required));
        assertEquals(409, refused.status());
        assertEquals(2, registry.register("s", optional));
        assertEquals(List.of(1, 2), registry.versions("s"));
        assertEquals(2, registry.latest("s").orElseThrow().version());
    }

    @Test
    void anEnumThatGainsASymbolIsFullyCompatibleOnlyWithADefault() {
        registry.setCompatibility("s", "FULL_TRANSITIVE");
        registry.register("s", reasonType("\"terminated\"", "\"UNKNOWN\""));
        assertTrue(registry.compatibility("s", reasonType("\"terminated\"", "\"cancelled_user_action\"", "\"UNKNOWN\"")).compatible());

        registry.setCompatibility("t", "FULL");
        registry.register("t", new Schema.Parser().parse("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"a\"]}"));
        assertFalse(registry.compatibility("t", new Schema.Parser().parse("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"a\",\"b\"]}")).compatible());
    }
}
