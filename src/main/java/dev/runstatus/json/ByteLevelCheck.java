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

    /**
     * A {@code \}{@code uD800}-style escape must be a high surrogate followed at once by an escaped low one:
     * a lone surrogate is a valid JSON escape but no valid UTF-8 (or Avro) string can carry it.
     */
    static void requirePairedSurrogateEscapes(byte[] bytes) throws JsonRejectedException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\\' || i + 1 >= bytes.length) {
                continue;
            }
            if (bytes[i + 1] != 'u') {
                i++;
                continue;
            }
            int unit = hexUnit(bytes, i + 2);
            if (Character.isLowSurrogate((char) unit)) {
                throw unpaired(i);
            }
            if (Character.isHighSurrogate((char) unit)) {
                boolean escapedNext = i + 7 < bytes.length && bytes[i + 6] == '\\' && bytes[i + 7] == 'u';
                if (!escapedNext || !Character.isLowSurrogate((char) hexUnit(bytes, i + 8))) {
                    throw unpaired(i);
                }
                i += 6;
            }
            i += 5;
        }
    }

    /** The UTF-16 unit of four hex digits at {@code start}, or -1 when they are not four hex digits. */
    private static int hexUnit(byte[] bytes, int start) {
        if (start + 4 > bytes.length) {
            return -1;
        }
        int unit = 0;
        for (int i = start; i < start + 4; i++) {
            int digit = Character.digit(bytes[i], 16);
            if (digit < 0) {
                return -1;
            }
            unit = unit * 16 + digit;
        }
        return unit;
    }

    private static JsonRejectedException unpaired(int offset) {
        return new JsonRejectedException(RejectionReason.UNPAIRED_SURROGATE, "unpaired UTF-16 surrogate escape at byte "
                + offset + ": UTF-8 cannot represent it");
    }
}
