package dev.runstatus.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads exactly one RFC 8259 JSON value from UTF-8 bytes, or says precisely why not. Numbers keep their
 * exact value (BigDecimal, trailing zeros kept) so "any JSON" fields are carried without loss.
 * Thread-safe.
 */
public final class StrictJsonReader {

    /** jackson-databind's words for what runstatus calls more JSON after the document's value. */
    private static final Pattern TRAILING = Pattern.compile("^Trailing token \\(of type (\\w+)\\) found after value");

    private final JsonLimits limits;
    private final ObjectReader reader;

    public StrictJsonReader(JsonLimits limits) {
        this.limits = limits;
        ObjectMapper mapper = JsonMapper.builder(parserFactory(limits))
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
        this.reader = mapper.reader();
    }

    /** The parsers this reader reads with: the limits, and duplicate keys refused. */
    public static JsonFactory parserFactory(JsonLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(limits.maxDocumentBytes())
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxNumberLength(limits.maxNumberLength())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    public JsonNode read(byte[] bytes) throws JsonRejectedException {
        StrictJson.requireReadableBytes(bytes, limits);
        JsonNode node = parse(bytes);
        if (node == null || node.isMissingNode()) {
            throw new JsonRejectedException(RejectionReason.EMPTY, "no JSON value, only white space");
        }
        return node;
    }

    private JsonNode parse(byte[] bytes) throws JsonRejectedException {
        try {
            return reader.readTree(bytes);
        } catch (StreamConstraintsException e) {
            RejectionReason reason = constraintReason(e.getOriginalMessage());
            throw new JsonRejectedException(reason, overLimit(reason) + locationOf(e));
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            RejectionReason reason = message.startsWith("Duplicate field")
                    ? RejectionReason.DUPLICATE_KEY : RejectionReason.INVALID_JSON;
            Matcher trailing = TRAILING.matcher(message);
            throw new JsonRejectedException(reason, (trailing.find() ? "more JSON after the document's value (a " + trailing.group(1)
                    + " token)" : message) + locationOf(e));
        } catch (IOException e) {
            throw new JsonRejectedException(RejectionReason.INVALID_JSON, String.valueOf(e.getMessage()));
        } catch (NumberFormatException e) {
            // Legal JSON whose exponent is beyond an exact decimal's (BigDecimal's scale is an int).
            throw new JsonRejectedException(RejectionReason.NUMBER_OUT_OF_RANGE, e.getMessage());
        }
    }

    private static RejectionReason constraintReason(String message) {
        if (message.startsWith("Document nesting depth")) {
            return RejectionReason.TOO_DEEP;
        }
        if (message.startsWith("Number value length")) {
            return RejectionReason.NUMBER_TOO_LONG;
        }
        return RejectionReason.TOO_LARGE;
    }

    /** The limit a document went over, named by the key that sets it. */
    private String overLimit(RejectionReason reason) {
        return switch (reason) {
            case TOO_DEEP -> "nested deeper than runstatus.max.nesting.depth (" + limits.maxNestingDepth() + ")";
            case NUMBER_TOO_LONG -> "a number longer than runstatus.max.number.length (" + limits.maxNumberLength() + " characters)";
            default -> "longer than runstatus.max.document.bytes (" + limits.maxDocumentBytes() + ")";
        };
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
    }
}
