package dev.runstatus.validate;

import dev.runstatus.schema.SchemaConventions;
import dev.runstatus.schema.UnionReading;
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

    /** An optional type is checked as its one type; a union of records by its discriminator. */
    private TypeCheck union(Schema schema) {
        UnionReading reading = UnionReading.of(schema);
        if (reading instanceof UnionReading.OptionalType optional) {
            return checkFor(optional.type());
        }
        UnionReading.Discriminated union = (UnionReading.Discriminated) reading;
        Map<String, RecordCheck> byValue = new LinkedHashMap<>();
        union.shapesByValue().forEach((value, shape) -> byValue.put(value, (RecordCheck) record(shape)));
        return new DiscriminatedUnionCheck(union.discriminator(), byValue);
    }
}
