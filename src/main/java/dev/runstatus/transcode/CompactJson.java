package dev.runstatus.transcode;

/**
 * Whether JSON text as it arrived is already what {@link dev.runstatus.json.CanonicalJson} would write
 * for it, so that it can be copied instead of written again token by token. Both tests may say no to
 * canonical text (the copy is then written the slow way); neither may say yes to anything else.
 */
final class CompactJson {

    private CompactJson() {
    }

    /**
     * No whitespace between tokens, no escape inside strings and no character beyond U+FFFF (which the
     * canonical writer escapes as a surrogate pair), in JSON text the parser has accepted: so a quote
     * always opens or closes a string, as without escapes there is no quote inside one.
     */
    static boolean isCompact(byte[] json, int from, int to) {
        boolean inString = false;
        for (int i = from; i < to; i++) {
            byte b = json[i];
            if (b == '"') {
                inString = !inString;
            } else if (b == '\\' || (b == ' ' && !inString) || (b >= 0 && b < ' ') || (b & 0xF0) == 0xF0) {
                return false;
            }
        }
        return true;
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
