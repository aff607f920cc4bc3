package dev.runstatus.cli;

import dev.runstatus.schema.Family;
import picocli.CommandLine;


/** Reads a family by its id, naming the valid ids when it is wrong. */
final class FamilyConverter implements CommandLine.ITypeConverter<Family> {

    @Override
    public Family convert(String value) {
        return Family.byId(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                "unknown family '" + value + "', expected one of " + Family.values().stream().map(Family::id).toList()));
    }
}
