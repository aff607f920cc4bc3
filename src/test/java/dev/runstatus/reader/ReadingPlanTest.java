package dev.runstatus.reader;

import dev.runstatus.json.JsonLimits;
import dev.runstatus.json.JsonRejectedException;
import dev.runstatus.json.StrictJson;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The reader is compiled from any schema, not only the bundled ones. */
class ReadingPlanTest {

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    private static Reading read(Schema schema, String json) throws JsonRejectedException {
        JsonLimits limits = JsonLimits.defaults();
        return new Cursor(StrictJson.parserFactory(limits), limits).read(ReadingPlan.compile(schema, Captures.NONE), utf8(json));
    }

    @Test
    void anAddedOptionalFieldNeedsNoCodeChange() throws Exception {
        Schema schema = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
                + "{\"name\":\"priority\",\"type\":[\"null\",\"long\"],\"default\":null}]}");
        assertArrayEquals(new byte[] {2, 'x', 0}, read(schema, "{\"id\":\"x\"}").avro());
        assertArrayEquals(new byte[] {2, 'x', 2, 14}, read(schema, "{\"id\":\"x\",\"priority\":7}").avro());
        assertArrayEquals(new byte[] {2, 'x', 2, 14}, read(schema, "{\"priority\":7,\"id\":\"x\"}").avro());
        assertEquals(List.of(new Violation("/priority", "wrong type", "integer (64-bit)", "string")),
                read(schema, "{\"id\":\"x\",\"priority\":\"7\"}").violations());
    }

    @Test
    void schemasThatJsonCannotCarryAreRefusedAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> ReadingPlan.compile(parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"b\",\"type\":\"bytes\"}]}"), Captures.NONE));
        assertThrows(IllegalArgumentException.class, () -> ReadingPlan.compile(parse("[\"string\",\"long\"]"), Captures.NONE));
    }
}
