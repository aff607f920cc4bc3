package dev.runstatus.validate;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles an Avro schema into the checks that validate documents against it. This is the only place
 * that knows how Avro types map to JSON, so a field added to an .avsc needs no Java change.
 */
final class TypeChecks {

    private final Map<String, TypeCheck> named = new HashMap<>();

    static TypeCheck compile(Schema schema) {
        return new TypeChecks().checkFor(schema);
    }

    private TypeCheck checkFor(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> record(schema);
            case ENUM -> named.computeIfAbsent(schema.getFullName(), name -> new EnumCheck(schema));
            case ARRAY -> new ArrayCheck(schema, checkFor(schema.getElementType()));
            case MAP -> new MapCheck(checkFor(schema.getValueType()));
            case UNION -> union(schema);
            case STRING -> SchemaConventions.isAnyJson(schema) ? AnyJsonCheck.INSTANCE : ScalarCheck.STRING;
            case BOOLEAN -> ScalarCheck.BOOLEAN;
            case INT -> ScalarCheck.INT;
            case LONG -> ScalarCheck.LONG;
            case FLOAT -> ScalarCheck.FLOAT;
            case DOUBLE -> ScalarCheck.DOUBLE;
            case NULL -> ScalarCheck.NULL;
            case BYTES, FIXED -> throw new IllegalArgumentException(
                    "JSON documents cannot carry Avro " + schema.getType() + " (" + schema + ")");
        };
    }

    private TypeCheck record(Schema schema) {
        TypeCheck known = named.get(schema.getFullName());
        if (known != null) {
            return known;
        }
        RecordCheck check = new RecordCheck(schema);
        named.put(schema.getFullName(), check);
        List<RecordCheck.FieldCheck> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new RecordCheck.FieldCheck(field.pos(), SchemaConventions.wireName(field),
                    checkFor(field.schema()), field));
        }
        check.bind(fields);
        return check;
    }

    /** An optional type ["null", T] is checked as T (JSON null is decided by T); record unions by discriminator. */
    private TypeCheck union(Schema schema) {
        List<Schema> branches = schema.getTypes().stream()
                .filter(branch -> branch.getType() != Schema.Type.NULL)
                .toList();
        if (branches.size() == 1) {
            return checkFor(branches.get(0));
        }
        if (branches.stream().allMatch(branch -> branch.getType() == Schema.Type.RECORD)) {
            return discriminated(branches);
        }
        throw new IllegalArgumentException("a union must be optional or of records: " + schema);
    }

    private TypeCheck discriminated(List<Schema> shapes) {
        String discriminator = SchemaConventions.discriminatorOf(shapes);
        Map<String, RecordCheck> byValue = new LinkedHashMap<>();
        for (Schema shape : shapes) {
            RecordCheck check = (RecordCheck) record(shape);
            for (String value : SchemaConventions.wireValues(shape.getField(discriminator).schema()).keySet()) {
                if (byValue.put(value, check) != null) {
                    throw new IllegalArgumentException("two union shapes share " + discriminator + " " + value);
                }
            }
        }
        return new DiscriminatedUnionCheck(discriminator, byValue);
    }
}
