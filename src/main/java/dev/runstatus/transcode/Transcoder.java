package dev.runstatus.transcode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.runstatus.json.CanonicalJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One thread's working state while it transcodes a document: the output buffer and what it captured. */
final class Transcoder {

    private final JsonFactory factory;
    private final AvroBuffer buffer = new AvroBuffer();
    private final ObjectKeys keys = new ObjectKeys();
    private JsonGenerator canonical;
    private byte[] document;
    private int unknownKeys;
    private Map<String, String> values;
    private List<byte[]> elements;

    /** Takes the full check's parser settings, except that duplicate keys are found by {@link ObjectKeys}. */
    Transcoder(JsonFactory strictFactory) {
        this.factory = strictFactory.rebuild().disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        this.canonical = CanonicalJson.generator(buffer);
    }

    /** The Avro binary of the document's one JSON value, or {@link CannotVouch}. */
    AvroDocument transcode(Step root, byte[] bytes) throws IOException {
        document = bytes;
        buffer.reset();
        keys.reset();
        unknownKeys = 0;
        values = new HashMap<>(4);
        elements = new ArrayList<>();
        try (JsonParser parser = factory.createParser(bytes)) {
            Step.require(parser.nextToken() != null);
            Step.value(root, parser, this);
            Step.require(parser.nextToken() == null);
        } catch (IOException | RuntimeException e) {
            // A copy given up half-way leaves the generator inside a value; the next document needs a fresh
            // one. Only then: each new generator takes new buffers from Jackson, about 12 KB per give-up.
            if (!canonical.getOutputContext().inRoot()) {
                canonical = CanonicalJson.generator(buffer);
            }
            throw e;
        }
        return new AvroDocument(buffer.copy(0, buffer.size()), values, elements, unknownKeys);
    }

    byte[] document() {
        return document;
    }

    AvroBuffer buffer() {
        return buffer;
    }

    ObjectKeys keys() {
        return keys;
    }

    /** Skips the value of a key the schema does not know, still refusing duplicate keys inside it. */
    void skipUnknown(JsonParser parser) throws IOException {
        unknownKeys++;
        walk(parser);
    }

    /**
     * Reads the current value to its last token, refusing duplicate keys inside it; says whether every
     * number in it is spelled canonically.
     */
    private boolean walk(JsonParser parser) throws IOException {
        boolean canonicalNumbers = true;
        int depth = 0;
        do {
            switch (parser.currentToken()) {
                case START_OBJECT -> {
                    keys.enterObject();
                    depth++;
                }
                case END_OBJECT -> {
                    keys.exitObject();
                    depth--;
                }
                case START_ARRAY -> depth++;
                case END_ARRAY -> depth--;
                case FIELD_NAME -> keys.add(parser.currentName());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> canonicalNumbers &=
                        CompactJson.isCanonicalNumber(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                default -> {
                }
            }
        } while (depth > 0 && parser.nextToken() != null);
        return canonicalNumbers;
    }

    void capture(String name, String value) {
        values.put(name, value);
    }

    void element(byte[] avro) {
        elements.add(avro);
    }

    /** The string value of {@code key} in the object that starts at {@code offset} of the document. */
    String keyOfObjectAt(int offset, String key) throws IOException {
        try (JsonParser object = factory.createParser(document, offset, document.length - offset)) {
            object.nextToken();
            while (object.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = key.equals(object.currentName());
                JsonToken value = object.nextToken();
                if (wanted) {
                    Step.require(value == JsonToken.VALUE_STRING);
                    return object.getText();
                }
                object.skipChildren();
            }
        }
        throw CannotVouch.INSTANCE;
    }

    /**
     * Writes the current value's canonical JSON text as an Avro string. An object or array that arrived
     * canonical (compact, unescaped strings, canonical numbers: what most producers send) is copied as
     * it is; anything else is written again by the canonical writer, from a second reading of its span.
     */
    void writeAnyJson(JsonParser parser) throws IOException {
        JsonToken first = parser.currentToken();
        if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
            writeCanonically(parser);
            return;
        }
        int start = (int) parser.currentTokenLocation().getByteOffset();
        boolean canonicalNumbers = walk(parser);
        int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
        if (canonicalNumbers && CompactJson.isCompact(document, start, end)) {
            buffer.writeLong(end - start);
            buffer.write(document, start, end - start);
            return;
        }
        try (JsonParser span = factory.createParser(document, start, end - start)) {
            span.nextToken();
            writeCanonically(span);
        }
    }

    /**
     * Writes the current value as {@link CanonicalJson} writes it from a tree (integers as int, long or
     * BigInteger, other numbers as the exact BigDecimal they were parsed as), as an Avro string.
     */
    private void writeCanonically(JsonParser parser) throws IOException {
        int from = buffer.size();
        int depth = 0;
        do {
            JsonToken token = parser.currentToken();
            switch (token) {
                case START_OBJECT -> {
                    canonical.writeStartObject();
                    depth++;
                }
                case START_ARRAY -> {
                    canonical.writeStartArray();
                    depth++;
                }
                case END_OBJECT -> {
                    canonical.writeEndObject();
                    depth--;
                }
                case END_ARRAY -> {
                    canonical.writeEndArray();
                    depth--;
                }
                case FIELD_NAME -> canonical.writeFieldName(parser.currentName());
                case VALUE_STRING -> canonical.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                case VALUE_NUMBER_INT -> writeInteger(parser);
                case VALUE_NUMBER_FLOAT -> canonical.writeNumber(parser.getDecimalValue());
                case VALUE_TRUE, VALUE_FALSE -> canonical.writeBoolean(token == JsonToken.VALUE_TRUE);
                case VALUE_NULL -> canonical.writeNull();
                default -> throw CannotVouch.INSTANCE;
            }
        } while (depth > 0 && parser.nextToken() != null);
        canonical.flush();
        buffer.insertLong(from, buffer.size() - from);
    }

    private void writeInteger(JsonParser parser) throws IOException {
        switch (parser.getNumberType()) {
            case INT -> canonical.writeNumber(parser.getIntValue());
            case LONG -> canonical.writeNumber(parser.getLongValue());
            default -> canonical.writeNumber(parser.getBigIntegerValue());
        }
    }
}
