package dev.runstatus.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Rejects bytes that a JSON parser would otherwise read in more than one way: a UTF-8 byte-order mark,
 * malformed UTF-8, and NUL bytes (which make Jackson guess UTF-16 or UTF-32 instead of failing).
 * Runs before parsing so the reason given is the real one.
 */
public final class ByteLevelCheck {

    /** Reads eight bytes at a time, so that the common all-ASCII, escape-free document costs a fraction of a byte-by-byte scan. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    private ByteLevelCheck() {
    }

    /** All the byte-level rules, in this order: byte-order mark, NUL, UTF-8, paired surrogate escapes. */
    public static void require(byte[] bytes) throws JsonRejectedException {
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            throw new JsonRejectedException(RejectionReason.BYTE_ORDER_MARK,
                    "document starts with a UTF-8 byte-order mark");
        }
        long highBits = 0;
        boolean backslash = false;
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            long word = (long) WORDS.get(bytes, i);
            if (hasZeroByte(word)) {
                requireNoNul(bytes, i, i + Long.BYTES);
            }
            highBits |= word;
            backslash |= hasZeroByte(word ^ BACKSLASHES);
        }
        requireNoNul(bytes, i, bytes.length);
        for (; i < bytes.length; i++) {
            highBits |= bytes[i] & 0xFF;
            backslash |= bytes[i] == '\\';
        }
        if ((highBits & HIGH_BITS) != 0) {
            requireUtf8(bytes);
        }
        if (backslash) {
            requirePairedSurrogateEscapes(bytes);
        }
    }

    /** Exact for "some byte is zero" (the classic bit trick: a borrow reaches a high bit only through a zero byte). */
    private static boolean hasZeroByte(long word) {
        return ((word - ONES) & ~word & HIGH_BITS) != 0;
    }

    private static void requireNoNul(byte[] bytes, int from, int to) throws JsonRejectedException {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                throw new JsonRejectedException(RejectionReason.INVALID_JSON, "NUL byte at offset " + i);
            }
        }
    }

    /**
     * Well-formed UTF-8 as RFC 3629 defines it (no overlong forms, no surrogates, nothing above
     * U+10FFFF), checked in place: the JDK's decoder would do the same but decodes the whole document
     * into a buffer first, and the hot path cannot afford that allocation.
     */
    private static void requireUtf8(byte[] bytes) throws JsonRejectedException {
        int i = 0;
        while (i < bytes.length) {
            if (i + Long.BYTES <= bytes.length && ((long) WORDS.get(bytes, i) & HIGH_BITS) == 0) {
                i += Long.BYTES;
                continue;
            }
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int length;
            int min = 0x80;
            int max = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                min = lead == 0xE0 ? 0xA0 : 0x80;
                max = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                min = lead == 0xF0 ? 0x90 : 0x80;
                max = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                throw notUtf8();
            }
            if (i + length > bytes.length) {
                throw notUtf8();
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min || second > max) {
                throw notUtf8();
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    throw notUtf8();
                }
            }
            i += length;
        }
    }

    private static JsonRejectedException notUtf8() {
        return new JsonRejectedException(RejectionReason.INVALID_UTF8, "document is not valid UTF-8");
    }

    /**
     * A {@code \}{@code uD800}-style escape must be a high surrogate followed at once by an escaped low one:
     * a lone surrogate is a valid JSON escape but no valid UTF-8 (or Avro) string can carry it.
     */
    private static void requirePairedSurrogateEscapes(byte[] bytes) throws JsonRejectedException {
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
