package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.runstatus.json.CanonicalJson;

import java.io.IOException;

/**
 * "Any JSON" as an Avro string of its canonical JSON text ({@link CanonicalJson}). An object or array
 * that arrived canonical (compact, unescaped strings, canonical numbers: what most producers send) is
 * copied as it is; anything else is written again by the canonical writer, from a second reading of its
 * span (whose tokens the first reading has checked).
 */
final class AnyJson {

    private final JsonFactory factory;
    private final AvroBuffer buffer;
    private final TokenChecks checks;
    private JsonGenerator canonical;

    AnyJson(JsonFactory factory, AvroBuffer buffer, TokenChecks checks) {
        this.factory = factory;
        this.buffer = buffer;
        this.checks = checks;
        this.canonical = CanonicalJson.generator(buffer);
    }

    void write(JsonParser parser, byte[] document) throws IOException {
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
     * A copy given up half-way leaves the generator inside a value; the next document needs a fresh one.
     * Only then: each new generator takes new buffers from Jackson.
     */
    void recover() {
        if (!canonical.getOutputContext().inRoot()) {
            canonical = CanonicalJson.generator(buffer);
        }
    }

    /** Reads the current value to its last token, checked; says whether every number in it is spelled canonically. */
    private boolean walk(JsonParser parser) throws IOException {
        boolean canonicalNumbers = true;
        int depth = 0;
        do {
            switch (parser.currentToken()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> canonicalNumbers &=
                        CompactJson.isCanonicalNumber(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                default -> {
                }
            }
        } while (depth > 0 && checks.next(parser) != null);
        return canonicalNumbers;
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
                default -> throw new IllegalStateException("not a JSON value token: " + token);
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
