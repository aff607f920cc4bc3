package dev.runstatus.reader;

import dev.runstatus.json.JsonLimits;
import dev.runstatus.json.JsonRejectedException;
import dev.runstatus.json.StrictJson;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;

import java.util.HashMap;
import java.util.Map;

/**
 * The one reading of a document: its bytes checked once, then its JSON tokens read in one pass against
 * its family's schema, which writes the Avro binary of a valid document and records every violation of
 * an invalid one. Compiled once from the schemas; thread-safe.
 */
public final class DocumentReader {

    private final JsonLimits limits;
    private final Map<Family, Step> roots = new HashMap<>();
    private final ThreadLocal<Cursor> cursors;

    public DocumentReader(SchemaCatalog catalog, JsonLimits limits, Captures captures) {
        this.limits = limits;
        for (Family family : Family.values()) {
            roots.put(family, ReadingPlan.compile(catalog.valueSchema(family), captures));
        }
        this.cursors = ThreadLocal.withInitial(() -> new Cursor(StrictJson.parserFactory(limits), limits));
    }

    public Reading read(Family family, byte[] document) {
        try {
            StrictJson.requireReadableBytes(document, limits);
            return cursors.get().read(roots.get(family), document);
        } catch (JsonRejectedException e) {
            return Reading.unreadable(e);
        }
    }
}
