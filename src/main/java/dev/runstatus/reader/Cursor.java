package dev.runstatus.reader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.json.JsonRejectedException;
import dev.runstatus.json.RejectionReason;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One thread's working state while it reads a document: the Avro binary written so far, where in the
 * document it is, the violations found, what it captured. Reused for every document of the thread.
 */
final class Cursor {

    private static final int MAX_ACTUAL_CHARS = 80;
    /** A document is one JSON value: anything after it, with the kind of token that follows. */
    static final String TRAILING = "more JSON after the document's value (a %s token)";

    /** A violation and where it sits in schema order: field positions, array indexes, map entry ordinals. */
    private record Found(int[] order, Violation violation) {
    }

    private static final Comparator<Found> SCHEMA_ORDER = (a, b) -> Arrays.compare(a.order(), b.order());

    private final JsonFactory factory;
    private final AvroBuffer buffer = new AvroBuffer();
    private final TokenChecks checks;
    private final AnyJson anyJson;
    private byte[] document;
    private int unknownKeys;
    private final CapturedValues captured = new CapturedValues();
    private List<byte[]> elements;
    private final List<Found> found = new ArrayList<>();
    private String[] names = new String[32];
    private int[] order = new int[32];
    private int depth;
    /** The spans of each record open at the moment, innermost last: one array per nesting level, kept. */
    private int[][] spans = new int[8][];
    private int openRecords;

    Cursor(JsonFactory factory, JsonLimits limits) {
        this.factory = factory;
        this.checks = new TokenChecks(limits);
        this.anyJson = new AnyJson(factory, buffer, checks);
    }

    /** Reads the document's one JSON value with {@code root}; the bytes have passed the byte-level checks. */
    Reading read(Step root, byte[] bytes) throws JsonRejectedException {
        document = bytes;
        buffer.reset(Reading.HEADER_ROOM);
        found.clear();
        depth = 0;
        openRecords = 0;
        unknownKeys = 0;
        captured.reset();
        elements = List.of();
        checks.start(bytes);
        try (JsonParser parser = factory.createParser(bytes)) {
            if (next(parser) == null) {
                throw new JsonRejectedException(RejectionReason.EMPTY, "no JSON value, only white space");
            }
            Step.value(root, parser, this);
            JsonToken trailing = next(parser);
            if (trailing != null) {
                throw new JsonRejectedException(RejectionReason.INVALID_JSON, String.format(TRAILING, trailing)
                        + " at byte " + parser.currentTokenLocation().getByteOffset());
            }
        } catch (TokenChecks.Rejected e) {
            throw new JsonRejectedException(e.reason(), e.getMessage());
        } catch (JsonProcessingException e) {
            throw new JsonRejectedException(RejectionReason.INVALID_JSON, e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset()));
        } catch (IOException e) {
            throw new JsonRejectedException(RejectionReason.INVALID_JSON, String.valueOf(e.getMessage()));
        } catch (NumberFormatException e) {
            throw new JsonRejectedException(RejectionReason.NUMBER_OUT_OF_RANGE, e.getMessage());
        } finally {
            anyJson.recover();
        }
        if (!found.isEmpty()) {
            found.sort(SCHEMA_ORDER);
            return Reading.invalid(found.stream().map(Found::violation).toList(), unknownKeys);
        }
        return Reading.valid(buffer.copy(0, buffer.size()), captured.toMap(), elements, unknownKeys);
    }

    AvroBuffer buffer() {
        return buffer;
    }

    byte[] document() {
        return document;
    }

    JsonFactory factory() {
        return factory;
    }

    /** The parser's next token, checked: every token of the document is read through here. */
    JsonToken next(JsonParser parser) throws IOException {
        return checks.next(parser);
    }

    /**
     * Where each field of a record just opened was written: two entries per field, all -1. Until
     * {@link #closeRecord}; a record inside it gets an array of its own.
     */
    int[] openRecord(int fields) {
        if (openRecords == spans.length) {
            spans = Arrays.copyOf(spans, openRecords * 2);
        }
        int[] open = spans[openRecords];
        if (open == null || open.length < 2 * fields) {
            open = new int[2 * fields];
            spans[openRecords] = open;
        }
        openRecords++;
        Arrays.fill(open, 0, 2 * fields, -1);
        return open;
    }

    void closeRecord() {
        openRecords--;
    }

    /** Into a record field (at its schema position) or a map entry (at its ordinal in the document). */
    void enter(String name, int position) {
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            order = Arrays.copyOf(order, depth * 2);
        }
        names[depth] = name;
        order[depth++] = position;
    }

    /** Into an array item. */
    void enter(int index) {
        enter(null, index);
    }

    void leave() {
        depth--;
    }

    boolean valid() {
        return found.isEmpty();
    }

    int violations() {
        return found.size();
    }

    void violation(String reason, String expected, String actual) {
        found.add(new Found(Arrays.copyOf(order, depth), new Violation(pointer(), reason, expected, actual)));
    }

    /** A record field that is absent and has no default, found at the end of its object. */
    void missing(String name, int position) {
        enter(name, position);
        violation("missing required field", null, null);
        leave();
    }

    /** The current value breaks the type: recorded, and skipped. */
    void wrongType(String expected, JsonParser parser) throws IOException {
        violation("wrong type", expected, typeOf(parser.currentToken()));
        skip(parser);
    }

    void unknownEnumValue(String expected, String value) {
        String actual = TextNode.valueOf(value).toString();
        violation("unknown enum value", expected, actual.length() <= MAX_ACTUAL_CHARS ? actual : actual.substring(0, MAX_ACTUAL_CHARS) + "...");
    }

    /** Skips the value of a key the schema does not know; its tokens are still checked. */
    void skipUnknown(JsonParser parser) throws IOException {
        unknownKeys++;
        skip(parser);
    }

    /** Moves the parser to the current value's last token, every token on the way checked. */
    void skip(JsonParser parser) throws IOException {
        int open = 0;
        do {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                open++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                open--;
            }
        } while (open > 0 && next(parser) != null);
    }

    void writeAnyJson(JsonParser parser) throws IOException {
        anyJson.write(parser, document);
    }

    void capture(String name, String value) {
        captured.add(name, value);
    }

    void element(byte[] avro) {
        if (elements.isEmpty()) {
            elements = new ArrayList<>();
        }
        elements.add(avro);
    }

    static String typeOf(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            default -> "null";
        };
    }

    /** RFC 6901: '~' becomes "~0" and '/' becomes "~1"; an array index is its number. */
    private String pointer() {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            pointer.append('/').append(names[i] == null ? Integer.toString(order[i]) : names[i].replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
