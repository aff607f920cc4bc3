package dev.runstatus.topology;

import dev.runstatus.reader.Reading;
import dev.runstatus.schema.Family;

import java.util.List;

/** What the pipeline has made of one input record so far; the value type between its processors. */
public sealed interface Outcome {

    /** The extended-payload records this outcome fans out to (only an encoded document of a family that fans them out has any). */
    default List<byte[]> extendedPayloads() {
        return List.of();
    }

    /** A valid document's reading and where it goes; {@code rawValue} is kept in case encoding rejects it. */
    record Validated(Family family, Route route, Reading document, byte[] rawValue) implements Outcome {
    }

    /** Wire-format bytes ready for the route's topic, and for its family's extended-payloads topic. */
    record Encoded(Route route, byte[] value, List<byte[]> extendedPayloads) implements Outcome {
    }

    /** A record for the dead-letter topic, with its original value bytes. */
    record Rejected(Rejection rejection, byte[] rawValue) implements Outcome {
    }
}
