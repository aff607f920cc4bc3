package dev.runstatus.transcode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runstatus.Fixtures;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.DocumentFields;
import dev.runstatus.validate.CheckResult;
import dev.runstatus.validate.DocumentCheck;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast path must agree with the full check on every document: it vouches for exactly the valid
 * ones, with exactly the Avro binary, captured values, payload items and unknown-key count that the
 * full check's datum gives.
 */
class StreamingTranscoderTest {

    private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
    private static final DocumentCheck CHECK = new DocumentCheck(CATALOG, JsonLimits.defaults());
    private static final Captures CAPTURES = DocumentFields.CAPTURES;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static StreamingTranscoder transcoder(Family family) {
        return new StreamingTranscoder(CATALOG.valueSchema(family), JsonLimits.defaults(), CAPTURES);
    }

    /** Asserts agreement and says whether the document was valid. */
    private static boolean assertAgrees(Family family, byte[] json) {
        StreamingTranscoder transcoder = transcoder(family);
        Optional<AvroDocument> fast = transcoder.transcode(json);
        CheckResult full = CHECK.check(family, json);
        String document = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(full.valid(), fast.isPresent(), () -> "verdicts differ on " + document + ": " + full.violations());
        if (full.valid()) {
            AvroDocument expected = transcoder.fromDatum((GenericRecord) full.datum(), full.unknownKeys());
            assertArrayEquals(expected.avro(), fast.get().avro(), () -> "Avro binary differs for " + document);
            assertEquals(expected.values(), fast.get().values(), document);
            assertEquals(expected.elements().size(), fast.get().elements().size(), document);
            for (int i = 0; i < expected.elements().size(); i++) {
                assertArrayEquals(expected.elements().get(i), fast.get().elements().get(i), document);
            }
            assertEquals(expected.unknownKeys(), fast.get().unknownKeys(), document);
        }
        return full.valid();
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void agreesOnEveryFixture(Family family) throws IOException {
        for (Path file : Fixtures.all(family)) {
            assertTrue(assertAgrees(family, Files.readAllBytes(file)), file.toString());
        }
    }

    @Test
    void agreesOnTheSyntheticWorkloadValidAndInvalid() {
        SyntheticDocuments documents = new SyntheticDocuments(7, 0.2);
        int valid = 0;
        for (int i = 0; i < 3_000; i++) {
            SyntheticDocument document = documents.next();
            valid += assertAgrees(document.family(), document.value()) ? 1 : 0;
        }
        assertTrue(valid > 2_000 && valid < 2_900, "valid: " + valid);
    }

    @Test
    void agreesOnMutationsOfValidDocuments() throws IOException {
        Random random = new Random(11);
        int valid = 0;
        int total = 0;
        for (Family family : Family.values()) {
            for (Path file : Fixtures.all(family)) {
                JsonNode original = JSON.readTree(file.toFile());
                for (int i = 0; i < 300; i++) {
                    JsonNode mutated = original.deepCopy();
                    mutate(mutated, random, 1 + random.nextInt(3));
                    valid += assertAgrees(family, JSON.writeValueAsBytes(mutated)) ? 1 : 0;
                    total++;
                }
            }
        }
        assertTrue(valid > total / 10 && valid < total * 9 / 10, valid + " valid of " + total);
    }

    @Test
    void agreesOnDocumentsWrittenByHand() {
        List<String> runs = List.of(
                "{\"status\":\"completed\",\"runId\":\"r\"}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":{\"b\":1,\"a\":[1.50,1e3,-0,-0.0,12345678901234567890123,1E-7,true,null,\"\\u00e9\\n\\/\\ud83d\\ude00\\u0001\"]}}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":{\"a b\":\" é 中 😀 \",\"n\":[0,-1,0.5,-0.5,12.50,0.000001,0.000000,123456789012345678901234567890],\"e\":{},\"l\":[]}}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\": { \"a\" : [ 1 , 2 ] ,\n\t\"b\":\"x\"\r\n} }",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":[0.0000001]}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":[0.0000000]}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":{\"a\":-0}}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":{\"a\":2E+1}}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":{\"a\\u0062\":\"\\\"\"}}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":{\"a\":\"\\x\"}}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":{\"a\":\"\\ud800\"}}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":\"\\u0041\\t\"}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":-0.0}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"extendedPayloads\":[{\"api\":\"a\",\"parameters\":{\"k\":[1, 2],\"j\":\"\\/\"}},{\"api\":\"b\",\"parameters\":{\"k\":[1,2]}}]}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":null}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":\"text\"}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":{\"a\":1,\"a\":2}}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":[{\"a\":{\"b\":1,\"c\":2,\"b\":3}}]}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":[{\"a\":1},{\"a\":1}],\"message\":\"m\"}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"unknown\":{\"x\":1,\"y\":{\"z\":1,\"z\":2}}}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"unknown\":1,\"unknown\":2}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"runId\":\"s\"}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"extendedPayloads\":[{\"api\":\"a\",\"parameters\":{\"k\":1,\"k\":1}}]}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"extendedPayloads\":[{\"api\":\"a\",\"parameters\":{\"k\":1,\"j\":{\"k\":1}}}]}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"message\":null}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"unknown\":{\"deep\":[{\"x\":1}]},\"other\":[]}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"extendedPayloads\":[]}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"extendedPayloads\":[{\"parameters\":{\"k\":[1]},\"api\":\"a\"},{\"api\":\"b\",\"runId\":\"x\",\"parameters\":{}}]}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"extendedPayloads\":[{\"api\":\"a\",\"parameters\":{\"k\":null}}]}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"extendedPayloads\":[null]}",
                "{\"runId\":\"r\",\"status\":\"failed\",\"error\":{\"category\":\"internal\",\"message\":\"m\",\"doc_url\":\"u\",\"retirable\":true}}",
                "{\"runId\":\"r\",\"status\":\"Completed\"}",
                "{\"runId\":7,\"status\":\"completed\"}",
                "{\"runId\":\"r\"}",
                "{\"runId\":\"\\ud800\",\"status\":\"completed\"}",
                "{\"runId\":\"r\",\"status\":\"completed\"} {}",
                "  {\"runId\":\"r\",\"status\":\"completed\"}\n",
                "[]", "null", "", " ", "{\"runId\":\"r\",\"status\":\"completed\",}",
                "\uFEFF{\"runId\":\"r\",\"status\":\"completed\"}",
                "{\"runId\":\"caf\u00e9 \u4e2d \ud83d\ude00\",\"status\":\"completed\"}");
        runs.forEach(json -> assertAgrees(Family.RUN_RESULT, utf8(json)));
        List<String> auths = List.of(
                "{\"status\":\"done\",\"authSessionId\":\"a\"}",
                "{\"authSessionId\":\"a\",\"status\":\"done\"}",
                "{\"authSessionId\":\"a\",\"extra\":{\"status\":\"pending\"},\"status\":\"done\"}",
                "{\"status\":\"pending\"}",
                "{\"status\":\"in_progress\",\"runId\":\"r\"}",
                "{\"status\":\"nope\"}",
                "{\"status\":null}",
                "{\"status\":3}",
                "{\"authSessionId\":\"a\"}",
                "{\"status\":\"done\",\"status\":\"done\",\"authSessionId\":\"a\"}",
                "{\"status\":\"done\",\"status\":\"pending\",\"authSessionId\":\"a\"}",
                "{\"status\":\"done\",\"authSessionId\":\"a\",\"Aa\":1,\"BB\":2}",
                "{\"status\":\"done\",\"authSessionId\":\"a\",\"Aa\":1,\"BB\":2,\"Aa\":3}",
                "{ \"status\":\"done\",\"authSessionId\":\"a\"}",
                "{\"status\" :\"done\",\"authSessionId\":\"a\"}",
                "{\"status\":\"d\\u006fne\",\"authSessionId\":\"a\"}",
                "{\"status\":\"done\\\"\",\"authSessionId\":\"a\"}",
                "{\"statusX\":\"done\",\"status\":\"done\",\"authSessionId\":\"a\"}",
                "{\"stat\":\"done\",\"status\":\"pending\"}",
                "{\"s\":\"\",\"status\":\"pending\"}",
                "{\"status\":\"pending\"",
                "{\"status\":\"pend",
                "{\"status\":");
        auths.forEach(json -> assertAgrees(Family.AUTH_SESSION_RESULT, utf8(json)));
    }

    @Test
    void leavesObjectsWithManyKeysToTheFullCheckWhichGivesTheSameBytes() {
        StringBuilder result = new StringBuilder("{");
        for (int i = 0; i <= ObjectKeys.MAX_SCANNED; i++) {
            result.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        byte[] json = utf8("{\"runId\":\"r\",\"status\":\"completed\",\"result\":" + result + "}}");
        assertTrue(transcoder(Family.RUN_RESULT).transcode(json).isEmpty());
        DocumentTranscoder pipeline = new DocumentTranscoder(CATALOG, JsonLimits.defaults(), CAPTURES);
        AvroDocument document = ((DocumentTranscoder.Verdict.Valid) pipeline.transcode(Family.RUN_RESULT, json)).document();
        CheckResult full = CHECK.check(Family.RUN_RESULT, json);
        assertArrayEquals(AvroBinary.of(CATALOG.valueSchema(Family.RUN_RESULT), full.datum()), document.avro());
        assertEquals(Map.of("status", "completed", "runId", "r"), document.values());
    }

    @Test
    void aDocumentGivenUpOnHalfWayThroughACopyLeavesNothingForTheNext() {
        byte[] next = utf8("{\"runId\":\"r\",\"status\":\"completed\",\"result\":{\"a\": 1.50}}");
        byte[] expected = transcoder(Family.RUN_RESULT).transcode(next).orElseThrow().avro();
        List<String> givenUp = List.of(
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":[1.50, 1e9999999999]}",
                "{\"runId\":\"r\",\"status\":\"nope\",\"result\":[1.50]}",
                "{\"runId\":\"r\",\"result\":{\"b\": 2.0}");
        for (String document : givenUp) {
            StreamingTranscoder transcoder = transcoder(Family.RUN_RESULT);
            assertTrue(transcoder.transcode(utf8(document)).isEmpty(), document);
            assertArrayEquals(expected, transcoder.transcode(next).orElseThrow().avro(), document);
        }
    }

    @Test
    void capturesTheRouteTheKeyAndEachPayload() {
        AvroDocument document = transcoder(Family.RUN_RESULT).transcode(Fixtures.bytes(Family.RUN_RESULT, "completed-with-payloads.json"))
                .orElseThrow();
        assertEquals("completed", document.value("status"));
        assertTrue(document.value("runId") != null && !document.value("runId").isEmpty());
        assertTrue(document.elements().size() >= 1);
        assertEquals(Map.of("status", "done"), transcoder(Family.AUTH_SESSION_RESULT)
                .transcode(utf8("{\"authSessionId\":\"a\",\"status\":\"done\"}")).orElseThrow().values());
    }

    private static void mutate(JsonNode root, Random random, int times) {
        for (int i = 0; i < times; i++) {
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(root, objects);
            ObjectNode target = objects.get(random.nextInt(objects.size()));
            List<String> keys = new ArrayList<>();
            target.fieldNames().forEachRemaining(keys::add);
            String key = keys.isEmpty() ? "k" : keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(8)) {
                case 0 -> target.remove(key);
                case 1 -> target.putNull(key);
                case 2 -> target.put(key, random.nextInt(100) - 50);
                case 3 -> target.put(key, "value-" + random.nextInt(3));
                case 4 -> target.set("x-" + random.nextInt(5), randomValue(random));
                case 5 -> reorder(target, random);
                case 6 -> target.set(key, randomValue(random));
                default -> target.put(key, random.nextBoolean());
            }
        }
    }

    private static JsonNode randomValue(Random random) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(5)) {
            case 0 -> nodes.objectNode().put("nested", random.nextDouble()).set("list", nodes.arrayNode().add(1).addNull());
            case 1 -> nodes.arrayNode().add("a").add(nodes.objectNode());
            case 2 -> nodes.numberNode(new java.math.BigDecimal("1.50"));
            case 3 -> nodes.textNode("in_progress");
            default -> nodes.numberNode(Long.MAX_VALUE);
        };
    }

    private static void reorder(ObjectNode target, Random random) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        target.fields().forEachRemaining(entries::add);
        Collections.shuffle(entries, random);
        target.removeAll();
        entries.forEach(entry -> target.set(entry.getKey(), entry.getValue()));
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
        }
        if (node instanceof ObjectNode || node instanceof ArrayNode) {
            Iterator<JsonNode> children = node.elements();
            children.forEachRemaining(child -> collectObjects(child, into));
        }
    }
}
