package dev.runstatus.schema;

import org.apache.avro.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the .avsc files say what Avro alone cannot: which strings carry any JSON value, how an enum
 * symbol is spelled on the wire, and which key a field has in the raw document.
 */
public final class SchemaConventions {

    /** On a string schema: the value is any JSON value, carried as its canonical JSON text. */
    public static final String ANY_JSON = "x-any-json";
    /** On an enum schema: symbol to wire value, for symbols whose wire value is not a valid Avro name. */
    public static final String WIRE_VALUES = "x-wire-values";

    private SchemaConventions() {
    }

    public static boolean isAnyJson(Schema schema) {
        return schema.getType() == Schema.Type.STRING && Boolean.TRUE.equals(schema.getObjectProp(ANY_JSON));
    }

    /** The document key of a field: its one alias (the API's wire name) or, without one, its name. */
    public static String wireName(Schema.Field field) {
        if (field.aliases().size() > 1) {
            throw new IllegalArgumentException("field " + field.name() + " has more than one alias, so its wire name is ambiguous");
        }
        return field.aliases().isEmpty() ? field.name() : field.aliases().iterator().next();
    }

    /**
     * Wire value to symbol, in symbol order. The enum's default is left out: it is the reader-side
     * fallback for symbols a later schema adds, never a value producers may send.
     */
    public static Map<String, String> wireValues(Schema enumSchema) {
        Object declared = enumSchema.getObjectProp(WIRE_VALUES);
        Map<?, ?> renames = declared instanceof Map<?, ?> map ? map : Map.of();
        Map<String, String> bySymbol = new LinkedHashMap<>();
        for (String symbol : enumSchema.getEnumSymbols()) {
            if (!symbol.equals(enumSchema.getEnumDefault())) {
                Object wire = renames.get(symbol);
                bySymbol.put(wire == null ? symbol : wire.toString(), symbol);
            }
        }
        for (Object renamed : renames.keySet()) {
            if (!enumSchema.getEnumSymbols().contains(String.valueOf(renamed))) {
                throw new IllegalArgumentException(enumSchema.getFullName() + " " + WIRE_VALUES
                        + " names a symbol it does not have: " + renamed);
            }
        }
        return bySymbol;
    }
}
