package dev.runstatus.reader;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Whether JSON text as it arrived is already what {@link dev.runstatus.json.CanonicalJson} would write
 * for it, so that it can be copied instead of written again token by token. Both tests may say no to
 * canonical text (the copy is then written the slow way); neither may say yes to anything else.
 */
final class CompactJson {

    /** Little-endian, so that a byte later in the text is a higher byte of the word. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long BELOW_SPACE_OFFSET = 0x6060606060606060L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    private CompactJson() {
    }

    /**
     * No whitespace between tokens and no escape inside strings, in JSON text the parser has accepted:
     * so a quote always opens or closes a string, as without escapes there is no quote inside one. Reads
     * eight bytes at a time, as the scan covers every extended payload of every run result.
     */
    static boolean isCompact(byte[] json, int from, int to) {
        boolean inString = false;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) WORDS.get(json, i);
            if ((equalBytes(word, BACKSLASHES) | belowSpace(word)) != 0) {
                return false;
            }
            long quotesSoFar = prefixParity(equalBytes(word, QUOTES));
            long inStringBytes = inString ? ~quotesSoFar : quotesSoFar;
            if ((equalBytes(word, SPACES) & ~inStringBytes) != 0) {
                return false;
            }
            inString ^= quotesSoFar < 0;
        }
        for (; i < to; i++) {
            byte b = json[i];
            if (b == '"') {
                inString = !inString;
            } else if (b == '\\' || (b == ' ' && !inString) || (b >= 0 && b < ' ')) {
                return false;
            }
        }
        return true;
    }

    /** The high bit of each byte of {@code word} that equals the byte repeated in {@code pattern}, exactly. */
    private static long equalBytes(long word, long pattern) {
        long x = word ^ pattern;
        return ~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x | LOW_SEVEN_BITS);
    }

    /** The high bit of each byte below 0x20 (a control character), exactly: adding 0x60 to such a byte stays below 0x80. */
    private static long belowSpace(long word) {
        return ~(((word & LOW_SEVEN_BITS) + BELOW_SPACE_OFFSET) | word) & HIGH_BITS;
    }

    /** Each byte's high bit becomes the parity of the high bits of that byte and all bytes before it in the text. */
    private static long prefixParity(long highBits) {
        long parity = highBits ^ (highBits << 8);
        parity ^= parity << 16;
        return parity ^ (parity << 32);
    }

    /**
     * A number spelled as the canonical writer spells its value: integers as their value's decimal
     * text (so not "-0"), other numbers as {@link java.math.BigDecimal#toString()} of the exact value
     * (so no exponent, no negative zero, and at most six zeros between the point and the first digit
     * of a number below one). {@code text} is a number the parser has accepted.
     */
    static boolean isCanonicalNumber(char[] text, int offset, int length) {
        int end = offset + length;
        boolean negative = text[offset] == '-';
        int digits = negative ? offset + 1 : offset;
        int point = -1;
        for (int i = digits; i < end; i++) {
            char c = text[i];
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c == '.') {
                point = i;
            }
        }
        boolean zeroIntegerPart = text[digits] == '0';
        if (point < 0) {
            return !(negative && zeroIntegerPart);
        }
        if (!zeroIntegerPart) {
            return true;
        }
        int firstNonZero = point + 1;
        while (firstNonZero < end && text[firstNonZero] == '0') {
            firstNonZero++;
        }
        if (firstNonZero == end) {
            return !negative && end - point - 1 <= 6;
        }
        return firstNonZero - point - 1 <= 5;
    }
}
