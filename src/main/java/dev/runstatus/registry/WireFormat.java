package dev.runstatus.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Confluent's wire format: magic byte 0, the schema id as 4 big-endian bytes, then Avro binary. */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_BYTES = 5;

    private WireFormat() {
    }

    /** The five header bytes of a value written with {@code schemaId}. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_BYTES).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** The header, then Avro binary written elsewhere, in the consecutive parts it was written in. */
    public static byte[] frame(int schemaId, byte[]... avroParts) {
        int length = HEADER_BYTES;
        for (byte[] part : avroParts) {
            length += part.length;
        }
        ByteBuffer framed = ByteBuffer.allocate(length).put(MAGIC_BYTE).putInt(schemaId);
        for (byte[] part : avroParts) {
            framed.put(part);
        }
        return framed.array();
    }

    /** Whether the bytes begin as a wire-format value does: the magic byte and room for a schema id. */
    public static boolean isFramed(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER_BYTES && bytes[0] == MAGIC_BYTE;
    }

    public static int schemaId(byte[] framed) {
        if (framed == null || framed.length < HEADER_BYTES) {
            throw new WireFormatException("not a wire-format value: " + (framed == null ? "null" : framed.length + " bytes"));
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new WireFormatException("not a wire-format value: first byte is " + framed[0] + ", not 0");
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    public static Object decode(byte[] framed, Schema writerSchema, Schema readerSchema) {
        return decode(framed, new GenericDatumReader<>(writerSchema, readerSchema));
    }

    static Object decode(byte[] framed, DatumReader<Object> reader) {
        schemaId(framed);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(framed, HEADER_BYTES, framed.length - HEADER_BYTES, null);
        try {
            return reader.read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a wire-format value", e);
        }
    }
}
