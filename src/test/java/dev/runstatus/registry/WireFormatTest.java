package dev.runstatus.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WireFormatTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"int\"}]}");

    private static GenericRecord record() {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("id", "ab");
        record.put("n", -3);
        return record;
    }

    @Test
    void framesAvroBinaryWithMagicByteAndBigEndianSchemaId() {
        byte[] avro = HexFormat.of().parseHex("04" + "6162" + "05");
        byte[] framed = WireFormat.frame(258, avro);
        assertArrayEquals(HexFormat.of().parseHex("00" + "00000102" + "04" + "6162" + "05"), framed);
        assertEquals(258, WireFormat.schemaId(framed));
        assertEquals(record(), WireFormat.decode(framed, SCHEMA, SCHEMA));
    }

    @Test
    void framesBinaryWrittenInPartsAsOneValue() {
        byte[] framed = WireFormat.frame(258, HexFormat.of().parseHex("04"), new byte[0], HexFormat.of().parseHex("6162" + "05"));
        assertArrayEquals(HexFormat.of().parseHex("00" + "00000102" + "04" + "6162" + "05"), framed);
        assertEquals(record(), WireFormat.decode(framed, SCHEMA, SCHEMA));
    }

    @Test
    void refusesBytesThatAreNotWireFormat() {
        assertThrows(WireFormatException.class, () -> WireFormat.schemaId(null));
        assertThrows(WireFormatException.class, () -> WireFormat.schemaId(new byte[] {0, 0, 0, 1}));
        assertThrows(WireFormatException.class, () -> WireFormat.schemaId(new byte[] {1, 0, 0, 0, 1, 2}));
    }
}
