package dev.runstatus.transcode;

import dev.runstatus.json.CanonicalJson;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.json.StrictJsonReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
        List<String> compact = List.of("{}", "[]", "{\"a b\":\" x \",\"c\":[1,true,null,{\"d\":\"é 中 \u007f\u2028\"}]}");
        for (String json : compact) {
            assertTrue(CompactJson.isCompact(utf8(json), 0, utf8(json).length), json);
            assertEquals(json, canonical(json));
        }
        List<String> notCompact = List.of("{ }", "[1, 2]", "{\"a\":\n1}", "{\"a\":\t1}", "{\"a\":\"\\n\"}", "[\"\\u0041\"]",
                "[\"\\/\"]", "[\"😀\"]", "[\"\",\"{\\\"\"]");
        for (String json : notCompact) {
            assertFalse(CompactJson.isCompact(utf8(json), 0, utf8(json).length), json);
        }
    }

    @Test
    void looksOnlyAtTheSpanItIsGiven() {
        byte[] json = utf8("{\"a\": [1,2] }");
        assertTrue(CompactJson.isCompact(json, 6, 11));
        assertFalse(CompactJson.isCompact(json, 0, json.length));
    }
}
