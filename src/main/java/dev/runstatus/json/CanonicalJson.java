package dev.runstatus.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The JSON text that carries an "any JSON" value: compact, keys in document order, numbers exactly as
 * parsed, characters beyond U+FFFF as their four UTF-8 bytes rather than an escaped surrogate pair (which
 * would triple their size). Equal input values always give equal text, which replay depends on.
 */
public final class CanonicalJson {

    private static final ObjectWriter WRITER = JsonMapper.builder(JsonFactory.builder()
                    .streamWriteConstraints(StreamWriteConstraints.builder()
                            .maxNestingDepth(JsonLimits.CEILING_NESTING_DEPTH)
                            .build())
                    .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                    .build())
            .build()
            .writer();

    private CanonicalJson() {
    }

    /** The text as UTF-8 bytes, written straight to bytes: what an Avro string carries. */
    public static byte[] utf8(JsonNode value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }

    /**
     * A generator that writes values the way {@link #utf8} does, one after another with nothing between
     * them, for callers that copy values token by token instead of building a tree.
     */
    public static JsonGenerator generator(OutputStream out) {
        try {
            JsonGenerator generator = WRITER.createGenerator(out);
            generator.setRootValueSeparator(null);
            return generator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a JSON generator", e);
        }
    }
}
