package dev.runstatus.schema;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SchemaConventionsTest {

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    @Test
    void wireValuesRenameSymbolsAndLeaveOutTheDefault() {
        Schema reasonType = parse("{\"type\":\"enum\",\"name\":\"T\",\"symbols\":[\"job_run_paused\",\"terminated\",\"UNKNOWN\"],"
                + "\"default\":\"UNKNOWN\",\"x-wire-values\":{\"job_run_paused\":\"job-run-paused\"}}");
        assertEquals(List.of("job-run-paused", "terminated"), List.copyOf(SchemaConventions.wireValues(reasonType).keySet()));
        assertEquals("job_run_paused", SchemaConventions.wireValues(reasonType).get("job-run-paused"));
    }

    @Test
    void aWireValueForASymbolTheEnumLacksIsAnError() {
        Schema broken = parse("{\"type\":\"enum\",\"name\":\"T\",\"symbols\":[\"a\"],\"x-wire-values\":{\"b\":\"b-b\"}}");
        assertThrows(IllegalArgumentException.class, () -> SchemaConventions.wireValues(broken));
    }

    @Test
    void aFieldReadsByItsOneAliasAndRefusesTwo() {
        Schema record = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                + "{\"name\":\"docUrl\",\"aliases\":[\"doc_url\"],\"type\":\"string\"},"
                + "{\"name\":\"plain\",\"type\":\"string\"},"
                + "{\"name\":\"twice\",\"aliases\":[\"a\",\"b\"],\"type\":\"string\"}]}");
        assertEquals("doc_url", SchemaConventions.wireName(record.getField("docUrl")));
        assertEquals("plain", SchemaConventions.wireName(record.getField("plain")));
        assertThrows(IllegalArgumentException.class, () -> SchemaConventions.wireName(record.getField("twice")));
    }
}
