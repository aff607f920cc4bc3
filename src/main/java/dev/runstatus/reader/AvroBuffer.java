package dev.runstatus.reader;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that writes Avro's binary encoding, with the one operation a streaming writer
 * needs that Avro's encoders lack: putting a block count in front of items already written, because
 * a JSON array's length is only known at its end. Reused for every document of one thread.
 */
final class AvroBuffer extends OutputStream {

    /** The longest varint, ten bytes: where {@link #insertLong} keeps one while it makes room for it. */
    private final byte[] varint = new byte[10];
    private byte[] bytes = new byte[4096];
    private int size;

    int size() {
        return size;
    }

    /** Empties the buffer but for {@code room} bytes at its start, left for a header. */
    void reset(int room) {
        size = room;
    }

    byte[] copy(int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void writeBytes(byte[] source) {
        write(source, 0, source.length);
    }

    void writeBoolean(boolean value) {
        write(value ? 1 : 0);
    }

    void writeInt(int value) {
        writeLong(value);
    }

    /** Zig-zag, then base-128 varint, as Avro writes int and long. */
    void writeLong(long value) {
        ensure(10);
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        bytes[size++] = (byte) n;
    }

    void writeFloat(float value) {
        writeLittleEndian(Float.floatToRawIntBits(value), 4);
    }

    void writeDouble(double value) {
        writeLittleEndian(Double.doubleToRawLongBits(value), 8);
    }

    private void writeLittleEndian(long bits, int count) {
        ensure(count);
        for (int i = 0; i < count; i++) {
            bytes[size++] = (byte) (bits >>> (8 * i));
        }
    }

    /** UTF-8 of well-formed UTF-16, length first; false (nothing written) for a lone surrogate. */
    boolean writeString(char[] chars, int offset, int length) {
        int utf8Length = 0;
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c < 0x80) {
                utf8Length++;
            } else if (c < 0x800) {
                utf8Length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < offset + length && Character.isLowSurrogate(chars[i + 1])) {
                utf8Length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            } else {
                utf8Length += 3;
            }
        }
        writeLong(utf8Length);
        ensure(utf8Length);
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c < 0x80) {
                bytes[size++] = (byte) c;
            } else if (c < 0x800) {
                bytes[size++] = (byte) (0xC0 | (c >> 6));
                bytes[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int codePoint = Character.toCodePoint(c, chars[++i]);
                bytes[size++] = (byte) (0xF0 | (codePoint >> 18));
                bytes[size++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                bytes[size++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                bytes[size++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                bytes[size++] = (byte) (0xE0 | (c >> 12));
                bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return true;
    }

    /** Puts {@code value}'s varint at {@code position}, moving what follows it. */
    void insertLong(int position, long value) {
        int end = size;
        writeLong(value);
        int length = size - end;
        System.arraycopy(bytes, end, varint, 0, length);
        System.arraycopy(bytes, position, bytes, position + length, end - position);
        System.arraycopy(varint, 0, bytes, position, length);
    }

    /**
     * Replaces everything from {@code from} on with {@code spans} of it, in the order given: assembled
     * after the current end of the buffer, then moved down, so that no document allocates for it.
     */
    void rearrange(int from, int[] spans, byte[][] fillers) {
        int end = size;
        for (int i = 0; i < fillers.length; i++) {
            int start = spans[2 * i];
            if (start >= 0) {
                int length = spans[2 * i + 1] - start;
                ensure(length);
                System.arraycopy(bytes, start, bytes, size, length);
                size += length;
            } else {
                writeBytes(fillers[i]);
            }
        }
        int length = size - end;
        System.arraycopy(bytes, end, bytes, from, length);
        size = from + length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
