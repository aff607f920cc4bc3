package dev.runstatus.validate;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;

/**
 * Validates parsed JSON documents against one Avro schema, reporting every violation, and builds the
 * Avro datum of a valid document. Built once per schema; thread-safe.
 */
public final class DocumentValidator {

    private final Schema schema;
    private final TypeCheck root;

    private DocumentValidator(Schema schema, TypeCheck root) {
        this.schema = schema;
        this.root = root;
    }

    /** Fails fast, at start-up, on a schema whose shape this validator cannot read documents for. */
    public static DocumentValidator forSchema(Schema schema) {
        return new DocumentValidator(schema, TypeChecks.compile(schema));
    }

    public Schema schema() {
        return schema;
    }

    public ValidationResult validate(JsonNode document) {
        Findings findings = new Findings();
        Object datum = Nulls.check(root, document, findings);
        return new ValidationResult(datum == TypeCheck.INVALID ? null : datum, findings.violations(),
                findings.unknownKeys());
    }
}
