package dev.runstatus.reader;

import dev.runstatus.json.CanonicalJson;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.json.StrictJsonReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.runstatus.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The canonical writer itself is the oracle: text is "already canonical" exactly when writing its value gives it back. */
class CompactJsonTest {

    private static final StrictJsonReader READER = new StrictJsonReader(JsonLimits.defaults());

    private static String canonical(String json) throws Exception {
        return new String(CanonicalJson.utf8(READER.read(utf8(json))), StandardCharsets.UTF_8);
    }

    @Test
    void aNumberIsCanonicalExactlyWhenTheCanonicalWriterSpellsItsValueTheSame() throws Exception {
        List<String> spellings = new ArrayList<>();
        for (String sign : List.of("", "-")) {
            for (String integer : List.of("0", "1", "12", "100", "12345678901234567890123")) {
                for (String fraction : List.of("", ".0", ".5", ".50", ".000000", ".0000000", ".000001", ".0000001", ".0000012",
                        ".00000012", ".000010", ".1")) {
                    for (String exponent : List.of("", "e5", "E-3", "e+0")) {
                        spellings.add(sign + integer + fraction + exponent);
                    }
                }
            }
        }
        int canonical = 0;
        for (String spelling : spellings) {
            boolean expected = canonical("[" + spelling + "]").equals("[" + spelling + "]");
            char[] text = ("x" + spelling + "y").toCharArray();
            assertEquals(expected, CompactJson.isCanonicalNumber(text, 1, spelling.length()), spelling);
            canonical += expected ? 1 : 0;
        }
        assertTrue(canonical > 50 && canonical < spellings.size() - 50, canonical + " of " + spellings.size());
    }

    @Test
    void compactTextIsWhatTheCanonicalWriterWrites() throws Exception {
        List<String> compact = List.of("{}", "[]", "{\"a b\":\" x \",\"c\":[1,true,null,{\"d\":\"é 中 \u007f\u2028\"}]}",
                "[\"😀\"]", "{\"🔥\":\"a😀b\"}");
        for (String json : compact) {
            assertTrue(CompactJson.isCompact(utf8(json), 0, utf8(json).length), json);
            assertEquals(json, canonical(json));
        }
        List<String> notCompact = List.of("{ }", "[1, 2]", "{\"a\":\n1}", "{\"a\":\t1}", "{\"a\":\"\\n\"}", "[\"\\u0041\"]",
                "[\"\\/\"]", "[\"\",\"{\\\"\"]");
        for (String json : notCompact) {
            assertFalse(CompactJson.isCompact(utf8(json), 0, utf8(json).length), json);
        }
    }

    /**
     * The eight-bytes-at-a-time scan against the rule read one byte at a time, on spans of every
     * length and alignment over bytes mostly quotes, spaces and letters (so that many spans pass and
     * spaces fall on both sides of a quote), with each byte that the rule refuses mixed in.
     */
    @Test
    void readingEightBytesAtATimeAgreesWithTheRuleByteByByte() {
        byte[] common = {'"', '"', ' ', ' ', 'a', '{', ':', (byte) 0xC3, (byte) 0xA9, (byte) 0xEF, (byte) 0x80, 0x7F, (byte) 0xF0, (byte) 0xF4};
        byte[] refused = {'\\', '\n', '\t', 0, 0x1F};
        Random random = new Random(20261126L);
        int[] verdicts = new int[2];
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = new byte[random.nextInt(48)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(60) == 0 ? refused[random.nextInt(refused.length)] : common[random.nextInt(common.length)];
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            boolean expected = compactByteByByte(bytes, from, to);
            assertEquals(expected, CompactJson.isCompact(bytes, from, to), () -> Arrays.toString(bytes) + " " + from + ".." + to);
            verdicts[expected ? 1 : 0]++;
        }
        assertTrue(verdicts[0] > 20_000 && verdicts[1] > 20_000, Arrays.toString(verdicts));
    }

    private static boolean compactByteByByte(byte[] bytes, int from, int to) {
        boolean inString = false;
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '"') {
                inString = !inString;
            } else if (b == '\\' || b < 0x20 || (b == ' ' && !inString)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void looksOnlyAtTheSpanItIsGiven() {
        byte[] json = utf8("{\"a\": [1,2] }");
        assertTrue(CompactJson.isCompact(json, 6, 11));
        assertFalse(CompactJson.isCompact(json, 0, json.length));
    }
}
