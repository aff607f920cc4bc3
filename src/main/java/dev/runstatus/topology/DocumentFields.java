package dev.runstatus.topology;

import dev.runstatus.reader.Captures;

import java.util.Optional;
import java.util.Set;

/** The fields of a document the topology itself reads: its route, its output key, its fan-out. */
public final class DocumentFields {

    static final String STATUS = "status";
    static final String RUN_ID = "runId";
    static final String EXTENDED_PAYLOADS = "extendedPayloads";
    /** What the pipeline asks the reader to capture; public for the hot-path benchmark. */
    public static final Captures CAPTURES = new Captures(Set.of(STATUS, RUN_ID), Optional.of(EXTENDED_PAYLOADS));

    private DocumentFields() {
    }
}
