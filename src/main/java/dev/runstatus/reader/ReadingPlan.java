package dev.runstatus.reader;

import dev.runstatus.schema.SchemaConventions;
import dev.runstatus.schema.UnionReading;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Compiles an Avro schema into the steps that read a document against it: optional types read as their
 * one non-null type, unions of records by discriminator ({@link UnionReading}), "any JSON" strings and
 * wire names ({@link SchemaConventions}).
 */
final class ReadingPlan {

    private final Map<String, RecordStep> records = new HashMap<>();
    private final Map<String, EnumStep> enums = new HashMap<>();
    private final Captures captures;

    private ReadingPlan(Captures captures) {
        this.captures = captures;
    }

    /** The root step; {@code captures} name fields of the root record, or of every shape of a root union. */
    static Step compile(Schema schema, Captures captures) {
        ReadingPlan plan = new ReadingPlan(captures);
        return switch (schema.getType()) {
            case RECORD -> plan.record(schema, true);
            case UNION -> plan.union(schema, false, true);
            default -> plan.stepFor(schema, false);
        };
    }

    private Step stepFor(Schema schema, boolean capturedItems) {
        return switch (schema.getType()) {
            case RECORD -> record(schema, false);
            case ENUM -> enums.computeIfAbsent(schema.getFullName(), name -> new EnumStep(schema));
            case ARRAY -> new ArrayStep(stepFor(schema.getElementType(), false), capturedItems);
            case MAP -> new MapStep(stepFor(schema.getValueType(), false));
            case UNION -> union(schema, capturedItems, false);
            case STRING -> SchemaConventions.isAnyJson(schema) ? AnyJsonStep.INSTANCE : ScalarStep.STRING;
            case BOOLEAN -> ScalarStep.BOOLEAN;
            case INT -> ScalarStep.INT;
            case LONG -> ScalarStep.LONG;
            case FLOAT -> ScalarStep.FLOAT;
            case DOUBLE -> ScalarStep.DOUBLE;
            case NULL -> ScalarStep.NULL;
            case BYTES, FIXED -> throw new IllegalArgumentException(
                    "JSON documents cannot carry Avro " + schema.getType() + " (" + schema + ")");
        };
    }

    /** A root record (one that captures) is its own step; any other is shared, so it may refer to itself. */
    private RecordStep record(Schema schema, boolean root) {
        RecordStep known = root ? null : records.get(schema.getFullName());
        if (known != null) {
            return known;
        }
        RecordStep step = new RecordStep();
        if (!root) {
            records.put(schema.getFullName(), step);
        }
        List<String> wireNames = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        List<byte[]> defaults = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            wireNames.add(SchemaConventions.wireName(field));
            boolean capturedItems = root && captures.elements().filter(field.name()::equals).isPresent();
            Step type = stepFor(field.schema(), capturedItems);
            steps.add(root && captures.values().contains(field.name()) ? new CaptureStep(field.name(), type, valueOf(type)) : type);
            defaults.add(field.hasDefaultValue() ? AvroBinary.of(field.schema(),
                    GenericData.get().deepCopy(field.schema(), GenericData.get().getDefaultValue(field))) : null);
        }
        step.bind(wireNames, steps, defaults);
        return step;
    }

    private Step union(Schema schema, boolean capturedItems, boolean root) {
        UnionReading reading = UnionReading.of(schema);
        if (reading instanceof UnionReading.OptionalType optional) {
            return new OptionalStep(schema.getTypes().indexOf(optional.type()), stepFor(optional.type(), capturedItems));
        }
        UnionReading.Discriminated union = (UnionReading.Discriminated) reading;
        Map<Schema, UnionStep.Shape> compiled = new HashMap<>();
        LinkedHashMap<String, UnionStep.Shape> shapes = new LinkedHashMap<>();
        union.shapesByValue().forEach((value, shape) -> shapes.put(value, compiled.computeIfAbsent(shape,
                branch -> new UnionStep.Shape(schema.getTypes().indexOf(branch), record(branch, root)))));
        return new UnionStep(union.discriminator(), shapes);
    }

    /** How a captured field's token text becomes its value: an enum's wire value becomes its symbol. */
    private static UnaryOperator<String> valueOf(Step type) {
        Step inner = type instanceof OptionalStep optional ? optional.type() : type;
        return inner instanceof EnumStep enumStep ? enumStep::symbol : UnaryOperator.identity();
    }
}
