package dev.runstatus.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runstatus.json.JsonLimits;
import dev.runstatus.json.JsonRejectedException;
import dev.runstatus.json.StrictJsonReader;
import dev.runstatus.reader.Violation;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bytes in, verdict out: reads a document strictly and validates it against its family's schema.
 * The offline {@code validate} command uses this class, and so does the pipeline for every document
 * its streaming transcoder does not vouch for: the verdicts and violations are this class's. Thread-safe.
 */
public final class DocumentCheck {

    private final StrictJsonReader reader;
    private final Map<Family, DocumentValidator> validators = new HashMap<>();

    public DocumentCheck(SchemaCatalog catalog, JsonLimits limits) {
        this.reader = new StrictJsonReader(limits);
        for (Family family : Family.values()) {
            validators.put(family, DocumentValidator.forSchema(catalog.valueSchema(family)));
        }
    }

    public CheckResult check(Family family, byte[] bytes) {
        JsonNode document;
        try {
            document = reader.read(bytes);
        } catch (JsonRejectedException e) {
            Violation violation = Violation.of("", e.reason().code() + ": " + e.getMessage());
            return new CheckResult(null, List.of(violation), 0, e.reason());
        }
        ValidationResult result = validators.get(family).validate(document);
        return new CheckResult(result.datum(), result.violations(), result.unknownKeys(), null);
    }
}
