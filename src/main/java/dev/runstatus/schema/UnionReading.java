package dev.runstatus.schema;

import org.apache.avro.Schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a union is read from a JSON document, the same for every reader compiled from the schemas: an
 * optional type ["null", T] is read as T (JSON null is T's to accept or refuse); a union of records is
 * read as the one shape its discriminator names, the discriminator being an enum field every shape
 * has. No other union can be read from the API's documents.
 */
public sealed interface UnionReading {

    record OptionalType(Schema type) implements UnionReading {
    }

    /** Shapes by the discriminator's wire values, in the union's order. */
    record Discriminated(String discriminator, Map<String, Schema> shapesByValue) implements UnionReading {
    }

    /** Fails fast, at start-up, on a union no document can be read as. */
    static UnionReading of(Schema union) {
        List<Schema> branches = union.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).toList();
        if (branches.size() == 1) {
            return new OptionalType(branches.get(0));
        }
        if (!branches.stream().allMatch(branch -> branch.getType() == Schema.Type.RECORD)) {
            throw new IllegalArgumentException("a union must be optional or of records: " + union);
        }
        String discriminator = discriminatorOf(branches);
        Map<String, Schema> shapesByValue = new LinkedHashMap<>();
        for (Schema shape : branches) {
            for (String value : SchemaConventions.wireValues(shape.getField(discriminator).schema()).keySet()) {
                if (shapesByValue.put(value, shape) != null) {
                    throw new IllegalArgumentException("two union shapes share " + discriminator + " " + value);
                }
            }
        }
        return new Discriminated(discriminator, Collections.unmodifiableMap(shapesByValue));
    }

    /** The first field that is an enum in every shape. */
    private static String discriminatorOf(List<Schema> shapes) {
        for (Schema.Field candidate : shapes.get(0).getFields()) {
            boolean everyShapeHasEnum = shapes.stream().allMatch(shape -> {
                Schema.Field field = shape.getField(candidate.name());
                return field != null && field.schema().getType() == Schema.Type.ENUM;
            });
            if (everyShapeHasEnum) {
                return candidate.name();
            }
        }
        throw new IllegalArgumentException("a union of records needs an enum field in every shape to tell them apart: "
                + shapes.stream().map(Schema::getFullName).toList());
    }
}
