package dev.runstatus.reader;

import dev.runstatus.json.JsonLimits;
import dev.runstatus.json.RejectionReason;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rejection reason held to an input that must give it, with its exact message: the reasons come
 * from runstatus's own checks and from the type of Jackson's exception, never from Jackson's wording,
 * so an upgrade of Jackson that rewords a message cannot change a code that headers and metrics carry.
 */
class RejectionReasonsTest {

    private static final DocumentReader READER = new DocumentReader(SchemaCatalog.bundled(), JsonLimits.defaults(), Captures.NONE);
    private static final int DEPTH = JsonLimits.DEFAULT_MAX_NESTING_DEPTH;
    private static final int DIGITS = JsonLimits.DEFAULT_MAX_NUMBER_LENGTH;

    /** An input for every reason, and the whole text of the one violation it gives. */
    private static final Map<RejectionReason, Example> EXAMPLES = new EnumMap<>(Map.of(
            RejectionReason.EMPTY, new Example(new byte[0], "empty: no bytes: the record value is empty or null"),
            RejectionReason.TOO_LARGE, new Example(new byte[JsonLimits.defaults().maxDocumentBytes() + 1],
                    "too-large: document is " + (JsonLimits.defaults().maxDocumentBytes() + 1) + " bytes, over the limit of "
                            + JsonLimits.defaults().maxDocumentBytes()),
            RejectionReason.BYTE_ORDER_MARK, new Example(HexFormat.of().parseHex("EFBBBF7B7D"),
                    "byte-order-mark: document starts with a UTF-8 byte-order mark"),
            RejectionReason.INVALID_UTF8, new Example(HexFormat.of().parseHex("7B2261223A22C022207D"), "invalid-utf8: document is not valid UTF-8"),
            RejectionReason.UNPAIRED_SURROGATE, new Example(utf8("{\"a\":\"x\\ud800y\"}"),
                    "unpaired-surrogate: unpaired UTF-16 surrogate escape at byte 7: UTF-8 cannot represent it"),
            RejectionReason.TOO_DEEP, new Example(utf8("[".repeat(DEPTH + 1) + "]".repeat(DEPTH + 1)),
                    "too-deep: nested deeper than runstatus.max.nesting.depth (" + DEPTH + ")"),
            RejectionReason.NUMBER_TOO_LONG, new Example(utf8("{\"n\":" + "9".repeat(DIGITS + 1) + "}"),
                    "number-too-long: a number longer than runstatus.max.number.length (" + DIGITS + " characters)"),
            RejectionReason.NUMBER_OUT_OF_RANGE, new Example(utf8("{\"n\":[1.5, 1e9999999999]}"),
                    "number-out-of-range: Value \"1e9999999999\" can not be deserialized as `java.math.BigDecimal`, reason:  Exponent overflow."),
            RejectionReason.DUPLICATE_KEY, new Example(utf8("{\"status\":\"completed\",\"status\":\"failed\"}"),
                    "duplicate-key: Duplicate field 'status' at byte 30"),
            RejectionReason.INVALID_JSON, new Example(utf8("{\"a\":1,}"),
                    "invalid-json: Unexpected character ('}' (code 125)): was expecting double-quote to start field name at byte 7")));

    private record Example(byte[] input, String violation) {
    }

    private static Reading read(byte[] bytes) {
        return READER.read(Family.RUN_RESULT, bytes);
    }

    private static RejectionReason rejection(byte[] bytes) {
        return read(bytes).unreadable();
    }

    @ParameterizedTest
    @EnumSource(RejectionReason.class)
    void everyReasonHasItsInputAndItsMessage(RejectionReason reason) {
        Example example = EXAMPLES.get(reason);
        Reading reading = read(example.input());
        assertEquals(reason, reading.unreadable());
        assertEquals(List.of(Violation.of("", example.violation())), reading.violations());
        assertNull(reading.avro());
    }

    @Test
    void rejectsNullAndEmptyAndBlankValues() {
        assertEquals(RejectionReason.EMPTY, rejection(null));
        assertEquals(RejectionReason.EMPTY, rejection(utf8(" \n\t ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C328", "C0AF", "EDA080", "F4908080", "FF", "FEFF", "E0809F", "F08F8080", "E282", "80", "F5808080"})
    void rejectsMalformedUtf8InsideAString(String hex) {
        byte[] bad = HexFormat.of().parseHex(hex);
        byte[] document = new byte[bad.length + 9];
        System.arraycopy(utf8("{\"a\":\""), 0, document, 0, 6);
        System.arraycopy(bad, 0, document, 6, bad.length);
        System.arraycopy(utf8("\"}"), 0, document, 6 + bad.length, 2);
        document[document.length - 1] = ' ';
        assertEquals(RejectionReason.INVALID_UTF8, rejection(document));
    }

    /** The byte checks read eight bytes at a time: each problem is moved across every position of a word and the tail. */
    @Test
    void findsEachByteLevelProblemAtEveryOffset() {
        for (int padding = 0; padding < 20; padding++) {
            String pad = "x".repeat(padding);
            assertEquals(List.of(Violation.of("", "invalid-json: NUL byte at offset " + (6 + padding))),
                    read(utf8("{\"a\":\"" + pad + "\u0000\"}")).violations());
            assertEquals(RejectionReason.INVALID_UTF8, rejection(withByte(utf8("{\"a\":\"" + pad + "?\"}"), 6 + padding, (byte) 0xC0)));
            assertEquals(RejectionReason.UNPAIRED_SURROGATE, rejection(utf8("{\"a\":\"" + pad + "\\ud800\"}")));
            assertTrue(read(utf8("{\"result\":\"é" + pad + "\\ud83d\\ude00\"}")).readable());
        }
    }

    private static byte[] withByte(byte[] bytes, int offset, byte value) {
        bytes[offset] = value;
        return bytes;
    }

    @Test
    void rejectsUtf16InsteadOfGuessingTheEncoding() {
        assertEquals(RejectionReason.INVALID_JSON, rejection("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE)));
    }

    @Test
    void rejectsLoneSurrogateEscapesButAcceptsPairs() {
        assertEquals(RejectionReason.UNPAIRED_SURROGATE, rejection(utf8("{\"a\":[\"\\udc00\"]}")));
        assertEquals(RejectionReason.UNPAIRED_SURROGATE, rejection(utf8("{\"\\ud83d\":1}")));
        assertEquals(RejectionReason.UNPAIRED_SURROGATE, rejection(utf8("{\"a\":\"\\ud83d\\u0041\"}")));
        assertTrue(read(utf8("{\"a\":\"\\ud83d\\ude00\",\"b\":\"\\\\ud800\",\"c\":\"\\\\\\ud83d\\ude00\"}")).readable());
    }

    /** Duplicates are found in every object, read or skipped: a known field, an unknown key's value, "any JSON". */
    @Test
    void rejectsDuplicateKeysAtAnyDepth() {
        assertEquals(RejectionReason.DUPLICATE_KEY, rejection(utf8("{\"result\":{\"x\":1,\"x\":1}}")));
        assertEquals(RejectionReason.DUPLICATE_KEY, rejection(utf8("{\"unknown\":[{\"x\":1,\"y\":{},\"x\":1}]}")));
        assertEquals(RejectionReason.DUPLICATE_KEY, rejection(utf8("{\"status\":7,\"error\":{\"message\":1,\"message\":1}}")));
        assertTrue(read(utf8("{\"a\":{\"x\":1},\"b\":{\"x\":1},\"x\":1}")).readable());
    }

    /** Jackson refuses names over 50,000 characters by default; within the document's size they are just keys. */
    @Test
    void longKeysAndStringsAreNotErrors() {
        Reading reading = read(utf8("{\"runId\":\"" + "r".repeat(300_000) + "\",\"status\":\"pending\",\"" + "k".repeat(60_000) + "\":1}"));
        assertEquals(List.of(), reading.violations());
        assertEquals(1, reading.unknownKeys());
    }

    @Test
    void rejectsA100000LevelDocumentWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertEquals(RejectionReason.TOO_DEEP, rejection(utf8("{\"result\":" + deep + "}")));
    }

    @Test
    void acceptsNestingUpToTheLimitAndRejectsOneMore() {
        assertTrue(read(utf8("[".repeat(DEPTH) + "]".repeat(DEPTH))).readable());
        assertTrue(read(utf8("{\"a\":" + "{\"a\":".repeat(DEPTH - 1) + "1" + "}".repeat(DEPTH))).readable());
        assertEquals(RejectionReason.TOO_DEEP, rejection(utf8("{\"a\":" + "{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH + 1))));
    }

    @Test
    void rejectsNumbersOverTheLengthLimit() {
        assertTrue(read(utf8("{\"n\":[" + "9".repeat(DIGITS) + ",-" + "9".repeat(DIGITS) + "]}")).readable());
        assertEquals(RejectionReason.NUMBER_TOO_LONG, rejection(utf8("{\"n\":-" + "9".repeat(DIGITS + 1) + "}")));
        assertEquals(RejectionReason.NUMBER_TOO_LONG, rejection(utf8("{\"n\":1." + "9".repeat(DIGITS) + "}")));
    }

    @Test
    void rejectsNumbersWhoseExponentNoExactDecimalHolds() {
        assertTrue(read(utf8("[1e999999999, -1.5e-999999999]")).readable());
        assertEquals(RejectionReason.NUMBER_OUT_OF_RANGE, rejection(utf8("-1.5E-2147483649")));
    }

    @Test
    void rejectsDocumentsOverTheSizeLimit() {
        DocumentReader small = new DocumentReader(SchemaCatalog.bundled(), new JsonLimits(16, 10, 10), Captures.NONE);
        assertTrue(small.read(Family.RUN_RESULT, utf8("{\"a\":\"0123456\"}")).readable());
        assertEquals(RejectionReason.TOO_LARGE, small.read(Family.RUN_RESULT, utf8("{\"a\":\"012345678\"}")).unreadable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}x", "{\"a\":1}{}", "{'a':1}", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":1,}",
            "{\"a\":\"tab\there\"}", "/*c*/{}", "{\"a\":1", "nope"})
    void rejectsWhatIsNotExactlyOneStrictJsonValue(String text) {
        assertEquals(RejectionReason.INVALID_JSON, rejection(utf8(text)));
    }
}
