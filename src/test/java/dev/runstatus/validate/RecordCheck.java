package dev.runstatus.validate;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON object read as an Avro record, field by field under the fields' wire names. A field with a
 * default may be absent; keys the schema does not know are counted and ignored.
 */
final class RecordCheck implements TypeCheck {

    private final Schema schema;
    private List<FieldCheck> fields = List.of();
    private Set<String> wireNames = Set.of();

    RecordCheck(Schema schema) {
        this.schema = schema;
    }

    /** Fields are bound after construction so that a record may refer to itself. */
    void bind(List<FieldCheck> fieldChecks) {
        this.fields = List.copyOf(fieldChecks);
        Set<String> names = new HashSet<>();
        fieldChecks.forEach(field -> names.add(field.wireName()));
        this.wireNames = Set.copyOf(names);
    }

    Schema schema() {
        return schema;
    }

    @Override
    public Object check(JsonNode value, Findings findings) {
        if (!value.isObject()) {
            findings.wrongType(expected(), value);
            return INVALID;
        }
        GenericData.Record record = new GenericData.Record(schema);
        boolean valid = true;
        int present = 0;
        for (FieldCheck field : fields) {
            JsonNode child = value.get(field.wireName());
            Object datum;
            if (child == null) {
                datum = field.defaultValue(findings);
            } else {
                present++;
                findings.enter(field.wireName());
                datum = Nulls.check(field.type(), child, findings);
                findings.leave();
            }
            valid &= datum != INVALID;
            if (datum != INVALID) {
                record.put(field.position(), datum);
            }
        }
        if (present < value.size()) {
            countUnknownKeys(value, findings);
        }
        return valid ? record : INVALID;
    }

    private void countUnknownKeys(JsonNode value, Findings findings) {
        Iterator<String> keys = value.fieldNames();
        while (keys.hasNext()) {
            if (!wireNames.contains(keys.next())) {
                findings.unknownKey();
            }
        }
    }

    @Override
    public String expected() {
        return "object";
    }

    /** One record field: where it sits in the record, its key in the document, its type and its default. */
    record FieldCheck(int position, String wireName, TypeCheck type, Schema.Field field) {

        Object defaultValue(Findings findings) {
            if (!field.hasDefaultValue()) {
                findings.missing(wireName);
                return INVALID;
            }
            return GenericData.get().deepCopy(field.schema(), GenericData.get().getDefaultValue(field));
        }
    }
}
