package dev.runstatus.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrictJsonReaderTest {

    private final StrictJsonReader reader = new StrictJsonReader(JsonLimits.defaults());

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private RejectionReason rejection(byte[] bytes) {
        return assertThrows(JsonRejectedException.class, () -> reader.read(bytes)).reason();
    }

    @Test
    void readsAnObjectWithNonAsciiText() throws Exception {
        JsonNode node = reader.read(utf8("{\"title\":\"Café 東京 😀\"}"));
        assertEquals("Café 東京 😀", node.get("title").textValue());
    }

    @Test
    void keepsNumbersExactlyAsWritten() throws Exception {
        JsonNode node = reader.read(utf8("{\"a\":12.50,\"b\":0.1000000000000000055511151231257827,\"c\":123456789012345678901234567890}"));
        assertEquals("{\"a\":12.50,\"b\":0.1000000000000000055511151231257827,\"c\":123456789012345678901234567890}",
                new String(CanonicalJson.utf8(node), StandardCharsets.UTF_8));
    }

    @Test
    void rejectsNullAndEmptyAndBlankValues() {
        assertEquals(RejectionReason.EMPTY, rejection(null));
        assertEquals(RejectionReason.EMPTY, rejection(new byte[0]));
        assertEquals(RejectionReason.EMPTY, rejection(utf8(" \n\t ")));
    }

    @Test
    void rejectsAByteOrderMark() {
        assertEquals(RejectionReason.BYTE_ORDER_MARK, rejection(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C328", "C0AF", "EDA080", "F4908080", "FF", "FEFF", "E0809F", "F08F8080", "E282", "80", "F5808080"})
    void rejectsMalformedUtf8InsideAString(String hex) {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        byte[] document = new byte[bad.length + 9];
        System.arraycopy(utf8("{\"a\":\""), 0, document, 0, 6);
        System.arraycopy(bad, 0, document, 6, bad.length);
        System.arraycopy(utf8("\"}"), 0, document, 6 + bad.length, 2);
        document[document.length - 1] = ' ';
        assertEquals(RejectionReason.INVALID_UTF8, rejection(document));
    }

    /** The byte checks read eight bytes at a time: each problem is moved across every position of a word and the tail. */
    @Test
    void findsEachByteLevelProblemAtEveryOffset() throws Exception {
        for (int padding = 0; padding < 20; padding++) {
            String pad = "x".repeat(padding);
            JsonRejectedException nul = assertThrows(JsonRejectedException.class,
                    () -> reader.read(utf8("{\"a\":\"" + pad + "\u0000\"}")));
            assertEquals(RejectionReason.INVALID_JSON, nul.reason());
            assertEquals("NUL byte at offset " + (6 + padding), nul.getMessage());
            assertEquals(RejectionReason.INVALID_UTF8, rejection(withByte(utf8("{\"a\":\"" + pad + "?\"}"), 6 + padding, (byte) 0xC0)));
            assertEquals(RejectionReason.UNPAIRED_SURROGATE, rejection(utf8("{\"a\":\"" + pad + "\\ud800\"}")));
            assertEquals("é" + pad + "😀", reader.read(utf8("{\"a\":\"é" + pad + "\\ud83d\\ude00\"}")).get("a").textValue());
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
    void rejectsLoneSurrogateEscapesButAcceptsPairs() throws Exception {
        assertEquals(RejectionReason.UNPAIRED_SURROGATE, rejection(utf8("{\"a\":\"x\\ud800y\"}")));
        assertEquals(RejectionReason.UNPAIRED_SURROGATE, rejection(utf8("{\"a\":[\"\\udc00\"]}")));
        assertEquals(RejectionReason.UNPAIRED_SURROGATE, rejection(utf8("{\"\\ud83d\":1}")));
        assertEquals("😀", reader.read(utf8("{\"a\":\"\\ud83d\\ude00\"}")).get("a").textValue());
        assertEquals("\\ud800", reader.read(utf8("{\"a\":\"\\\\ud800\"}")).get("a").textValue());
        assertEquals("\\\ud83d\ude00", reader.read(utf8("{\"a\":\"\\\\\\ud83d\\ude00\"}")).get("a").textValue());
        assertEquals(RejectionReason.UNPAIRED_SURROGATE, rejection(utf8("{\"a\":\"\\ud83d\\u0041\"}")));
    }

    @Test
    void rejectsDuplicateKeysAtAnyDepth() {
        assertEquals(RejectionReason.DUPLICATE_KEY, rejection(utf8("{\"status\":\"completed\",\"status\":\"failed\"}")));
        assertEquals(RejectionReason.DUPLICATE_KEY, rejection(utf8("{\"result\":{\"x\":1,\"x\":1}}")));
    }

    @Test
    void rejectsA100000LevelDocumentWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertEquals(RejectionReason.TOO_DEEP, rejection(utf8("{\"result\":" + deep + "}")));
    }

    @Test
    void acceptsNestingUpToTheLimitAndRejectsOneMore() throws Exception {
        int limit = JsonLimits.DEFAULT_MAX_NESTING_DEPTH;
        reader.read(utf8("[".repeat(limit) + "]".repeat(limit)));
        assertEquals(RejectionReason.TOO_DEEP, rejection(utf8("[".repeat(limit + 1) + "]".repeat(limit + 1))));
    }

    @Test
    void rejectsNumbersOverTheLengthLimit() throws Exception {
        int limit = JsonLimits.DEFAULT_MAX_NUMBER_LENGTH;
        reader.read(utf8("{\"n\":" + "9".repeat(limit) + "}"));
        assertEquals(RejectionReason.NUMBER_TOO_LONG, rejection(utf8("{\"n\":" + "9".repeat(limit + 1) + "}")));
    }

    @Test
    void rejectsNumbersWhoseExponentNoExactDecimalHolds() throws Exception {
        reader.read(utf8("[1e999999999, -1.5e-999999999]"));
        assertEquals(RejectionReason.NUMBER_OUT_OF_RANGE, rejection(utf8("{\"n\":[1.5, 1e9999999999]}")));
        assertEquals(RejectionReason.NUMBER_OUT_OF_RANGE, rejection(utf8("-1.5E-2147483649")));
    }

    @Test
    void rejectsDocumentsOverTheSizeLimit() throws Exception {
        StrictJsonReader small = new StrictJsonReader(new JsonLimits(16, 10, 10));
        small.read(utf8("{\"a\":\"0123456\"}"));
        assertEquals(RejectionReason.TOO_LARGE,
                assertThrows(JsonRejectedException.class, () -> small.read(utf8("{\"a\":\"012345678\"}"))).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}x", "{\"a\":1}{}", "{'a':1}", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":1,}",
            "{\"a\":\"tab\there\"}", "/*c*/{}", "{\"a\":1", "nope"})
    void rejectsWhatIsNotExactlyOneStrictJsonValue(String text) {
        assertEquals(RejectionReason.INVALID_JSON, rejection(utf8(text)));
    }
}
