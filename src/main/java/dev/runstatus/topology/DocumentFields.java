package dev.runstatus.topology;

import dev.runstatus.json.JsonLimits;
import dev.runstatus.reader.Captures;
import dev.runstatus.reader.DocumentReader;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The fields of a document the topology itself reads: its route, its output key (its family's key field), its fan-out. */
public final class DocumentFields {

    static final String STATUS = "status";
    static final String EXTENDED_PAYLOADS = "extendedPayloads";
    /** What the routing asks the reader to capture, for checks of the reader's captures: the status and every family's key. */
    public static final Captures CAPTURES = new Captures(Stream.concat(Stream.of(STATUS),
            Family.values().stream().flatMap(family -> family.keyField().stream())).collect(Collectors.toSet()),
            Optional.of(EXTENDED_PAYLOADS));

    private DocumentFields() {
    }

    /** The reader the routing parses and validates with: the catalog's rules, capturing the fields above. */
    public static DocumentReader reader(SchemaCatalog catalog, JsonLimits limits) {
        return new DocumentReader(catalog, limits, CAPTURES);
    }
}
