package dev.runstatus.reader;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
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
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader against an independent oracle: the tree-based validator (dev.runstatus.validate, in the
 * tests only) and Avro's own writer. On every document they must give the same verdict, the same
 * violations in the same order, the same rejection reason and message, and for a valid document exactly
 * the Avro binary Avro writes for the oracle's datum, with the same captured values, payload items and
 * unknown-key count.
 */
class ReadingAgainstOracleTest {

    private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
    private static final DocumentCheck ORACLE = new DocumentCheck(CATALOG, JsonLimits.defaults());
    private static final DocumentReader READER = DocumentFields.reader(CATALOG, JsonLimits.defaults());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Asserts agreement and says whether the document was valid. */
    static boolean assertAgrees(Family family, byte[] json) {
        Reading reading = READER.read(family, json);
        CheckResult expected = ORACLE.check(family, json);
        String document = new String(json, StandardCharsets.UTF_8);
        assertEquals(expected.violations(), reading.violations(), () -> "violations differ on " + document);
        assertEquals(expected.unreadable(), reading.unreadable(), document);
        if (expected.valid()) {
            GenericRecord datum = (GenericRecord) expected.datum();
            assertArrayEquals(AvroBinary.of(CATALOG.valueSchema(family), datum), reading.avro(), () -> "Avro binary differs for " + document);
            assertEquals(capturedValues(datum), reading.values(), document);
            List<byte[]> items = payloadItems(datum);
            assertEquals(items.size(), reading.elements().size(), document);
            for (int i = 0; i < items.size(); i++) {
                assertArrayEquals(items.get(i), reading.elements().get(i), document);
            }
            assertEquals(expected.unknownKeys(), reading.unknownKeys(), document);
        }
        return expected.valid();
    }

    private static Map<String, String> capturedValues(GenericRecord datum) {
        Map<String, String> values = new HashMap<>();
        for (String name : DocumentFields.CAPTURES.values()) {
            Object value = datum.hasField(name) ? datum.get(name) : null;
            if (value != null) {
                values.put(name, value.toString());
            }
        }
        return values;
    }

    private static List<byte[]> payloadItems(GenericRecord datum) {
        String name = DocumentFields.CAPTURES.elements().orElseThrow();
        if (!datum.hasField(name) || !(datum.get(name) instanceof List<?> items)) {
            return List.of();
        }
        Schema field = datum.getSchema().getField(name).schema();
        Schema array = field.getType() == Schema.Type.UNION
                ? field.getTypes().stream().filter(branch -> branch.getType() == Schema.Type.ARRAY).findFirst().orElseThrow()
                : field;
        return items.stream().map(item -> AvroBinary.of(array.getElementType(), item)).toList();
    }

    @ParameterizedTest
    @MethodSource("dev.runstatus.schema.Family#values")
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

    /** At and just past each limit, in every place a value can be: a field, "any JSON", an unknown key's value. */
    @Test
    void agreesAtEveryLimit() {
        int depth = JsonLimits.DEFAULT_MAX_NESTING_DEPTH;
        int digits = JsonLimits.DEFAULT_MAX_NUMBER_LENGTH;
        List<String> values = new ArrayList<>();
        for (int levels = depth - 2; levels <= depth; levels++) {
            values.add("[".repeat(levels) + "]".repeat(levels));
            values.add("{\"a\":".repeat(levels) + "1" + "}".repeat(levels));
            values.add("[{\"a\":".repeat(levels / 2) + "[]" + "}]".repeat(levels / 2));
        }
        for (int length = digits - 1; length <= digits + 1; length++) {
            values.add("9".repeat(length));
            values.add("-" + "9".repeat(length));
            values.add("1." + "9".repeat(length - 1));
            values.add("-0." + "0".repeat(length - 1));
            values.add("1" + "0".repeat(length / 2) + "." + "5".repeat(length - length / 2 - 3) + "e12");
            values.add("1.5E-" + "0".repeat(length - 2));
        }
        values.addAll(List.of("1e999999999", "-1.5e-999999999", "1e9999999999", "-1.5E-2147483649", "1.5e+2147483648"));
        for (String value : values) {
            assertAgrees(Family.RUN_RESULT, utf8("{\"runId\":\"r\",\"status\":\"completed\",\"result\":" + value + "}"));
            assertAgrees(Family.RUN_RESULT, utf8("{\"runId\":\"r\",\"status\":\"completed\",\"other\":" + value + "}"));
            assertAgrees(Family.RUN_RESULT, utf8("{\"runId\":\"r\",\"status\":\"completed\",\"message\":" + value + "}"));
            assertAgrees(Family.AUTH_SESSION_RESULT, utf8("{\"status\":" + value + ",\"runId\":\"r\"}"));
        }
    }

    /**
     * A corpus made for this check: synthetic documents of both families (a third of them invalid),
     * each either as it is, mutated as a tree and written compact, mutated and written with white space
     * and escaped non-ASCII text, or with its bytes mutated (so that many do not read at all).
     */
    @Test
    void agreesOnAGeneratedCorpusOfTwelveThousandDocuments() throws IOException {
        SyntheticDocuments source = new SyntheticDocuments(20261130L, 0.33);
        Random random = new Random(20261130L);
        ObjectWriter spaced = JSON.writerWithDefaultPrettyPrinter().with(JsonWriteFeature.ESCAPE_NON_ASCII);
        int[] fates = new int[3];
        for (int i = 0; i < 12_000; i++) {
            SyntheticDocument document = source.next();
            byte[] json = switch (i % 4) {
                case 0 -> document.value();
                case 1 -> JSON.writeValueAsBytes(mutated(document.value(), random));
                case 2 -> spaced.writeValueAsBytes(mutated(document.value(), random));
                default -> mutatedBytes(document.value(), random);
            };
            assertAgrees(document.family(), json);
            Reading reading = READER.read(document.family(), json);
            fates[reading.valid() ? 0 : reading.readable() ? 1 : 2]++;
        }
        assertTrue(fates[0] > 2_000 && fates[1] > 2_000 && fates[2] > 1_000, "valid, invalid, unreadable: " + Arrays.toString(fates));
    }

    /** The document as a tree, mutated half of the time; a document that does not read is a string. */
    private static JsonNode mutated(byte[] json, Random random) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException unreadable) {
            return JsonNodeFactory.instance.textNode(new String(json, StandardCharsets.UTF_8));
        }
        if (random.nextBoolean() && tree.isObject()) {
            mutate(tree, random, 1 + random.nextInt(3));
        }
        return tree;
    }

    private static final byte[] INSERTED = utf8("\"\\,:{}[] 0-.e\n\u00e9\ud83d\ude00");

    /** One to three byte edits: a byte removed, inserted or changed, a span repeated, or the text cut short. */
    private static byte[] mutatedBytes(byte[] json, Random random) {
        byte[] bytes = json;
        for (int edits = 1 + random.nextInt(3); edits > 0 && bytes.length > 2; edits--) {
            int at = random.nextInt(bytes.length);
            byte[] next = switch (random.nextInt(5)) {
                case 0 -> concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, at + 1, bytes.length));
                case 1 -> concat(Arrays.copyOf(bytes, at), new byte[] {INSERTED[random.nextInt(INSERTED.length)]},
                        Arrays.copyOfRange(bytes, at, bytes.length));
                case 2 -> {
                    byte[] changed = bytes.clone();
                    changed[at] = INSERTED[random.nextInt(INSERTED.length)];
                    yield changed;
                }
                case 3 -> {
                    int end = Math.min(bytes.length, at + 1 + random.nextInt(40));
                    yield concat(Arrays.copyOf(bytes, end), Arrays.copyOfRange(bytes, at, bytes.length));
                }
                default -> Arrays.copyOf(bytes, at);
            };
            bytes = next;
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Past the keys one object scans linearly, duplicates are still found, at any position, and the bytes are the same. */
    @Test
    void agreesOnObjectsWithManyKeys() {
        for (int keys : new int[] {ObjectKeys.MAX_SCANNED, ObjectKeys.MAX_SCANNED + 1, 1_000}) {
            StringBuilder result = new StringBuilder("{");
            for (int i = 0; i < keys; i++) {
                result.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
            }
            String object = result.append('}').toString();
            assertTrue(assertAgrees(Family.RUN_RESULT, utf8("{\"runId\":\"r\",\"status\":\"completed\",\"result\":" + object + "}")));
            for (int duplicate : new int[] {1, keys / 2, keys - 1}) {
                String twice = object.substring(0, object.length() - 1) + ",\"k" + duplicate + "\":0}";
                assertFalse(assertAgrees(Family.RUN_RESULT, utf8("{\"runId\":\"r\",\"status\":\"completed\",\"result\":" + twice + "}")));
                assertFalse(assertAgrees(Family.RUN_RESULT, utf8("{\"runId\":\"r\",\"status\":\"completed\",\"extra\":" + twice + "}")));
            }
        }
    }

    /** Every document below leaves the reader half-way through a value; the next document must not see any of it. */
    @Test
    void aDocumentLeftHalfWayLeavesNothingForTheNext() {
        byte[] next = utf8("{\"runId\":\"r\",\"status\":\"completed\",\"result\":{\"a\": 1.50}}");
        byte[] expected = READER.read(Family.RUN_RESULT, next).avro();
        List<String> leftHalfWay = List.of(
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":[1.50, 1e9999999999]}",
                "{\"runId\":\"r\",\"status\":\"completed\",\"result\":{\"x\": [1.50, {\"y\":1,\"y\":2}]}}",
                "{\"runId\":\"r\",\"status\":\"nope\",\"result\":[1.50]}",
                "{\"runId\":\"r\",\"result\":{\"b\": 2.0}");
        for (String document : leftHalfWay) {
            assertFalse(READER.read(Family.RUN_RESULT, utf8(document)).valid(), document);
            assertArrayEquals(expected, READER.read(Family.RUN_RESULT, next).avro(), document);
        }
    }

    @Test
    void capturesTheRouteTheKeyAndEachPayload() {
        Reading document = READER.read(Family.RUN_RESULT, Fixtures.bytes(Family.RUN_RESULT, "completed-with-payloads.json"));
        assertEquals("completed", document.value("status"));
        assertTrue(document.value("runId") != null && !document.value("runId").isEmpty());
        assertTrue(document.elements().size() >= 1);
        assertEquals(Map.of("status", "done"), READER.read(Family.AUTH_SESSION_RESULT,
                utf8("{\"authSessionId\":\"a\",\"status\":\"done\"}")).values());
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
