package dev.runstatus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runstatus.registry.AvroWireDeserializer;
import dev.runstatus.registry.WireFormat;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * One consumed record as one JSON line: coordinates, key, headers and value. Values in the Confluent
 * wire format are decoded from Avro; raw and dead-letter values, and any value that is not in the wire
 * format or cannot be decoded (then with "valueError" saying why), are shown as the text they are.
 */
final class RecordPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AvroWireDeserializer deserializer;
    private final Set<String> textTopics;

    RecordPrinter(AvroWireDeserializer deserializer, Set<String> textTopics) {
        this.deserializer = deserializer;
        this.textTopics = textTopics;
    }

    String line(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode line = JSON.createObjectNode()
                .put("topic", record.topic()).put("partition", record.partition()).put("offset", record.offset())
                .put("timestamp", record.timestamp());
        line.put("key", text(record.key()));
        ObjectNode headers = line.putObject("headers");
        for (Header header : record.headers()) {
            headers.put(header.key(), text(header.value()));
        }
        if (record.value() == null) {
            line.putNull("value");
        } else if (textTopics.contains(record.topic()) || !WireFormat.isFramed(record.value())) {
            line.put("value", text(record.value()));
        } else {
            try {
                JsonNode value = avroAsJson(deserializer.deserialize(record.topic(), record.value()));
                line.put("schemaId", WireFormat.schemaId(record.value()));
                line.set("value", value);
            } catch (RuntimeException e) {
                line.put("value", text(record.value()));
                line.put("valueError", "not decodable as Avro: " + e.getMessage());
            }
        }
        return line.toString();
    }

    private static JsonNode avroAsJson(Object datum) {
        String text = GenericData.get().toString(datum);
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /** UTF-8 text when the bytes are UTF-8, else "base64:..." so nothing is lost. */
    private static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }
}
