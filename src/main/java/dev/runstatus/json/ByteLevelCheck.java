package dev.runstatus.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Rejects bytes that a JSON parser would otherwise read in more than one way: a UTF-8 byte-order mark,
 * malformed UTF-8, and NUL bytes (which make Jackson guess UTF-16 or UTF-32 instead of failing).
 * Runs before parsing so the reason given is the real one.
 */
final class ByteLevelCheck {

    private ByteLevelCheck() {
    }

    static void require(byte[] bytes) throws JsonRejectedException {
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            throw new JsonRejectedException(RejectionReason.BYTE_ORDER_MARK,
                    "document starts with a UTF-8 byte-order mark");
        }
        boolean ascii = true;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == 0) {
                throw new JsonRejectedException(RejectionReason.INVALID_JSON, "NUL byte at offset " + i);
            }
            if (b < 0) {
                ascii = false;
            }
        }
        if (!ascii) {
            requireUtf8(bytes);
        }
    }

    private static void requireUtf8(byte[] bytes) throws JsonRejectedException {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new JsonRejectedException(RejectionReason.INVALID_UTF8, "document is not valid UTF-8");
        }
    }

    /** True when the text may hold a {@code \}{@code uD800}-style escape, the only way JSON can spell a lone surrogate. */
    static boolean mayHoldSurrogateEscape(byte[] bytes) {
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\\' && bytes[i + 1] == 'u' && (bytes[i + 2] | 0x20) == 'd') {
                int fourth = bytes[i + 3] | 0x20;
                if (fourth == '8' || fourth == '9' || (fourth >= 'a' && fourth <= 'f')) {
                    return true;
                }
            }
        }
        return false;
    }
}
