package dev.runstatus.cli;

import dev.runstatus.config.Role;
import picocli.CommandLine;

import java.util.Arrays;

/** Reads a role by its id, naming the valid ids when it is wrong. */
final class RoleConverter implements CommandLine.ITypeConverter<Role> {

    @Override
    public Role convert(String value) {
        return Arrays.stream(Role.values()).filter(role -> role.id().equals(value)).findFirst().orElseThrow(() ->
                new CommandLine.TypeConversionException("unknown role '" + value + "', expected one of "
                        + Arrays.stream(Role.values()).map(Role::id).toList()));
    }
}
