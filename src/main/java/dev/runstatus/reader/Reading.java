package dev.runstatus.reader;

import dev.runstatus.json.JsonRejectedException;
import dev.runstatus.json.RejectionReason;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What became of one document. Valid: its Avro binary, the root fields the reader was asked to capture,
 * the Avro binary of each item of the captured array, and how many keys the schema does not name.
 * Invalid: every violation, in schema order. Unreadable: one violation at the document's root and the
 * reason its bytes were refused.
 */
public final class Reading {

    /**
     * Room the reader leaves in front of a valid document's Avro binary for a header (the wire format's
     * five bytes), so that the output value is one array, written once.
     */
    public static final int HEADER_ROOM = 5;

    private final byte[] withRoom;
    private final Map<String, String> values;
    private final List<byte[]> elements;
    private final int unknownKeys;
    private final List<Violation> violations;
    private final RejectionReason unreadable;

    /** Made once per document: {@code values} immutable, the lists held by nobody else, so wrapped rather than copied. */
    private Reading(byte[] withRoom, Map<String, String> values, List<byte[]> elements, int unknownKeys,
                    List<Violation> violations, RejectionReason unreadable) {
        this.withRoom = withRoom;
        this.values = values;
        this.elements = elements.isEmpty() ? List.of() : Collections.unmodifiableList(elements);
        this.unknownKeys = unknownKeys;
        this.violations = violations.isEmpty() ? List.of() : Collections.unmodifiableList(violations);
        this.unreadable = unreadable;
    }

    /** {@code withRoom}: {@link #HEADER_ROOM} bytes, then the Avro binary. */
    static Reading valid(byte[] withRoom, Map<String, String> values, List<byte[]> elements, int unknownKeys) {
        return new Reading(withRoom, values, elements, unknownKeys, List.of(), null);
    }

    static Reading invalid(List<Violation> violations, int unknownKeys) {
        return new Reading(null, Map.of(), List.of(), unknownKeys, violations, null);
    }

    static Reading unreadable(JsonRejectedException rejection) {
        return new Reading(null, Map.of(), List.of(), 0,
                List.of(Violation.of("", rejection.reason().code() + ": " + rejection.getMessage())), rejection.reason());
    }

    /** The Avro binary of a valid document, in an array of its own; null for any other. */
    public byte[] avro() {
        return withRoom == null ? null : Arrays.copyOfRange(withRoom, HEADER_ROOM, withRoom.length);
    }

    /**
     * The header, then the Avro binary, in this reading's own array: the header is written into the room
     * left for it, nothing is copied. For a valid document's one output value.
     */
    public byte[] withHeader(byte[] header) {
        if (withRoom == null || header.length != HEADER_ROOM) {
            throw new IllegalStateException(withRoom == null ? "no Avro binary: the document is not valid"
                    : "a header must be " + HEADER_ROOM + " bytes, not " + header.length);
        }
        System.arraycopy(header, 0, withRoom, 0, HEADER_ROOM);
        return withRoom;
    }

    public Map<String, String> values() {
        return values;
    }

    public List<byte[]> elements() {
        return elements;
    }

    public int unknownKeys() {
        return unknownKeys;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Why the bytes were refused before any schema was applied; null when they were read. */
    public RejectionReason unreadable() {
        return unreadable;
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    public boolean readable() {
        return unreadable == null;
    }

    /** A captured root field's value (an enum's symbol), or null when the document has none. */
    public String value(String name) {
        return values.get(name);
    }
}
