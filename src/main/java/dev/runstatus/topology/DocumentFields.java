package dev.runstatus.topology;

import dev.runstatus.json.JsonLimits;
import dev.runstatus.reader.Captures;
import dev.runstatus.reader.DocumentReader;
import dev.runstatus.schema.SchemaCatalog;

import java.util.Optional;
import java.util.Set;

/** The fields of a document the topology itself reads: its route, its output key, its fan-out. */
public final class DocumentFields {

    static final String STATUS = "status";
    static final String RUN_ID = "runId";
    static final String EXTENDED_PAYLOADS = "extendedPayloads";
    /** What the routing asks the reader to capture, for checks of the reader's captures. */
    public static final Captures CAPTURES = new Captures(Set.of(STATUS, RUN_ID), Optional.of(EXTENDED_PAYLOADS));

    private DocumentFields() {
    }

    /** The reader the routing parses and validates with: the catalog's rules, capturing the fields above. */
    public static DocumentReader reader(SchemaCatalog catalog, JsonLimits limits) {
        return new DocumentReader(catalog, limits, CAPTURES);
    }
}
