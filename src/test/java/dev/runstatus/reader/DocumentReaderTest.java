package dev.runstatus.reader;

import dev.runstatus.Fixtures;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.json.RejectionReason;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.DocumentFields;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdicts and violations of the one reader; the Avro it writes is read back with Avro's own reader. */
class DocumentReaderTest {

    private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
    private static final DocumentReader READER = DocumentFields.reader(CATALOG, JsonLimits.defaults());

    private static Reading run(String json) {
        return READER.read(Family.RUN_RESULT, utf8(json));
    }

    private static Reading auth(String json) {
        return READER.read(Family.AUTH_SESSION_RESULT, utf8(json));
    }

    private static GenericRecord datum(Family family, Reading reading) {
        assertTrue(reading.valid(), () -> reading.violations().toString());
        try {
            return new GenericDatumReader<GenericRecord>(CATALOG.valueSchema(family))
                    .read(null, DecoderFactory.get().binaryDecoder(reading.avro(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GenericRecord datum(Reading runResult) {
        return datum(Family.RUN_RESULT, runResult);
    }

    @ParameterizedTest
    @MethodSource("dev.runstatus.schema.Family#values")
    void everyFixtureIsValid(Family family) throws Exception {
        for (Path file : Fixtures.all(family)) {
            Reading result = READER.read(family, Files.readAllBytes(file));
            assertEquals(List.of(), result.violations(), file.toString());
            assertEquals(0, result.unknownKeys(), file.toString());
        }
    }

    @Test
    void buildsTheAvroRecordUnderModelNamesFromWireNames() {
        Reading result = READER.read(Family.RUN_RESULT, Fixtures.bytes(Family.RUN_RESULT, "failed-reference.json"));
        GenericRecord error = (GenericRecord) datum(result).get("error");
        assertEquals(new Utf8("https://docs.example/errors#run-execution-error"), error.get("docUrl"));
        assertEquals(new Utf8("123e4567-e89b-12d3-a456-426614174000"), error.get("correlationId"));
        assertEquals("script_process_crashed", error.get("code").toString());
        assertEquals(false, error.get("retirable"));
        assertNull(error.get("details"));
    }

    @Test
    void carriesAnyJsonAsItsCanonicalText() {
        GenericRecord record = datum(run("{\"runId\":\"r\",\"status\":\"completed\",\"result\":{ \"items\" : [1, 2.50, null] },"
                + "\"extendedPayloads\":[{\"api\":\"a\",\"parameters\":{\"p\":null,\"q\":{\"x\":[true]}}}]}"));
        assertEquals(new Utf8("{\"items\":[1,2.50,null]}"), record.get("result"));
        GenericRecord payload = (GenericRecord) ((List<?>) record.get("extendedPayloads")).get(0);
        assertEquals(Map.of(new Utf8("p"), new Utf8("null"), new Utf8("q"), new Utf8("{\"x\":[true]}")), payload.get("parameters"));
    }

    @Test
    void nullIsAValueOnlyWhereAnyJsonIsAllowed() {
        GenericRecord record = datum(run("{\"runId\":\"r\",\"status\":\"completed\",\"result\":null}"));
        assertEquals(new Utf8("null"), record.get("result"));
        assertEquals(List.of(new Violation("/message", "null is not allowed", "string", "null")),
                run("{\"runId\":\"r\",\"status\":\"failed\",\"message\":null}").violations());
        assertEquals(List.of(new Violation("/error/retirable", "null is not allowed", "boolean", "null")),
                run("{\"runId\":\"r\",\"status\":\"failed\",\"error\":{\"message\":\"m\",\"category\":\"user\",\"retirable\":null}}").violations());
        assertEquals(List.of(new Violation("/extendedPayloads", "null is not allowed", "array", "null")),
                run("{\"runId\":\"r\",\"status\":\"failed\",\"extendedPayloads\":null}").violations());
        assertTrue(run("{\"runId\":\"r\",\"status\":\"failed\",\"error\":{\"message\":\"m\",\"category\":\"user\",\"details\":null}}").valid());
    }

    @Test
    void reportsEveryViolationWithItsPointer() {
        Reading result = run("{\"status\":\"Completed\",\"error\":{\"code\":\"nope\",\"category\":\"user\",\"retirable\":\"true\"},"
                + "\"extendedPayloads\":[{\"api\":\"ok\"},{\"runId\":5}]}");
        assertEquals(List.of(
                Violation.of("/runId", "missing required field"),
                new Violation("/status", "unknown enum value", "one of pending|started|completed|canceled|failed", "\"Completed\""),
                new Violation("/extendedPayloads/1/api", "missing required field", null, null),
                new Violation("/extendedPayloads/1/runId", "wrong type", "string", "number"),
                Violation.of("/error/message", "missing required field"),
                new Violation("/error/code", "unknown enum value",
                        "one of internal-server-error|script-process-crashed|unexpected|script-execution-exception"
                                + "|script-no-valid-output-received|result-too-big-error|script-timeout|script-unexpected-error"
                                + "|auth-check-failed|all-attempts-failed|check-attempts-failed|create-attempts-failed"
                                + "|post-create-check-attempts-failed|api-attempts-failed|onepassword-integration-error"
                                + "|job-run-terminated", "\"nope\""),
                new Violation("/error/retirable", "wrong type", "boolean", "string")), result.violations());
        assertNull(result.avro());
    }

    @Test
    void enumsAreClosedCaseSensitiveAndSpelledAsOnTheWire() {
        String reason = "{\"runId\":\"r\",\"status\":\"canceled\",\"reason\":{\"type\":\"%s\",\"message\":\"m\"}}";
        assertTrue(run(reason.formatted("job-run-paused")).valid());
        assertEquals("/reason/type", run(reason.formatted("job_run_paused")).violations().get(0).path());
        assertEquals("/reason/type", run(reason.formatted("UNKNOWN")).violations().get(0).path());
        assertEquals("/reason/type", run(reason.formatted("cancelled-user-action")).violations().get(0).path());
        assertEquals("/reason/type", run(reason.formatted("Terminated")).violations().get(0).path());
    }

    @Test
    void neverCoercesBetweenNumbersAndStrings() {
        assertEquals(List.of(new Violation("/runId", "wrong type", "string", "number")),
                run("{\"runId\":12345,\"status\":\"pending\"}").violations());
        assertEquals(List.of(new Violation("/status", "wrong type", "one of pending|started|completed|canceled|failed", "number")),
                run("{\"runId\":\"r\",\"status\":1}").violations());
    }

    @Test
    void countsAndIgnoresUnknownKeysIncludingCamelCaseSpellingsOfWireNames() {
        Reading result = run("{\"runId\":\"r\",\"status\":\"failed\",\"extra\":{\"deep\":1},"
                + "\"error\":{\"message\":\"m\",\"category\":\"auth\",\"docUrl\":\"https://camel.example\",\"correlationId\":\"c\"}}");
        assertTrue(result.valid());
        assertEquals(3, result.unknownKeys());
        GenericRecord error = (GenericRecord) datum(result).get("error");
        assertNull(error.get("docUrl"));
        assertNull(error.get("correlationId"));
    }

    @Test
    void theDocumentMustBeAnObject() {
        assertEquals(List.of(new Violation("", "wrong type", "object", "array")), run("[]").violations());
        assertEquals(List.of(new Violation("", "null is not allowed", "object", "null")), run("null").violations());
        assertEquals(List.of(new Violation("", "wrong type", "object", "string")), auth("\"done\"").violations());
    }

    @Test
    void authSessionShapesAreChosenByStatus() {
        assertTrue(auth("{\"status\":\"pending\",\"runId\":\"ignored\"}").valid());
        assertEquals("dev.runstatus.avro.AuthSessionDone",
                datum(Family.AUTH_SESSION_RESULT, auth("{\"status\":\"done\",\"authSessionId\":\"a\"}")).getSchema().getFullName());
        assertEquals(List.of(Violation.of("/authSessionId", "missing required field")), auth("{\"status\":\"done\"}").violations());
        assertEquals(List.of(Violation.of("/runId", "missing required field")), auth("{\"status\":\"in_progress\"}").violations());
        assertEquals(List.of(Violation.of("/message", "missing required field"), Violation.of("/reason", "missing required field")),
                auth("{\"status\":\"canceled\"}").violations());
        assertEquals(List.of(Violation.of("/status", "missing required field")), auth("{\"runId\":\"r\"}").violations());
        assertEquals(List.of(new Violation("/status", "unknown enum value", "one of in_progress|pending|done|canceled|failed", "\"started\"")),
                auth("{\"status\":\"started\",\"runId\":\"r\"}").violations());
        assertEquals(List.of(new Violation("/status", "null is not allowed", "one of in_progress|pending|done|canceled|failed", "null")),
                auth("{\"status\":null}").violations());
    }

    @Test
    void aDocumentOfTheOtherFamilyIsInvalid() {
        assertEquals(List.of(new Violation("/status", "unknown enum value", "one of in_progress|pending|done|canceled|failed", "\"completed\"")),
                READER.read(Family.AUTH_SESSION_RESULT, Fixtures.bytes(Family.RUN_RESULT, "completed-reference.json")).violations());
        assertEquals(List.of(Violation.of("/runId", "missing required field")),
                READER.read(Family.RUN_RESULT, Fixtures.bytes(Family.AUTH_SESSION_RESULT, "pending.json")).violations());
    }

    @Test
    void unreadableDocumentsHaveOneRootViolationNamingTheReason() {
        Reading result = run("{\"runId\":\"r\",");
        assertEquals(RejectionReason.INVALID_JSON, result.unreadable());
        assertEquals(1, result.violations().size());
        assertEquals("", result.violations().get(0).path());
        assertTrue(result.violations().get(0).reason().startsWith("invalid-json: "), result.violations().get(0).reason());
    }
}
