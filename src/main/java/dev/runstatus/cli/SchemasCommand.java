package dev.runstatus.cli;

import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.ops.SchemaPublisher;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.schema.SchemaCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Registers, checks or lists the output topics' value schemas (subjects <topic>-value, FULL_TRANSITIVE).")
final class SchemasCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--schemas-dir", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Use the .avsc files in DIR instead of those built into the jar (default: runstatus.schemas.dir if set).")
    Path schemasDirectory;

    @Command(name = "register", mixinStandardHelpOptions = true, description = "Registers every output topic's value schema.")
    int register(@Mixin ConnectionOptions connection) throws PreflightException {
        Map<String, Integer> ids = publisher(connection).registerAll();
        PrintWriter out = spec.commandLine().getOut();
        ids.forEach((subject, id) -> out.println(subject + " id " + id));
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Checks the schemas against the registry; exit code 1 if any is incompatible.")
    int check(@Mixin ConnectionOptions connection) throws PreflightException {
        Map<String, Boolean> verdicts = publisher(connection).checkAll();
        PrintWriter out = spec.commandLine().getOut();
        verdicts.forEach((subject, compatible) -> out.println(subject + (compatible ? " compatible" : " INCOMPATIBLE")));
        out.flush();
        return verdicts.containsValue(false) ? ExitCodes.INVALID : ExitCodes.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the registry's subjects and their versions.")
    int list(@Mixin ConnectionOptions connection) throws PreflightException {
        PrintWriter out = spec.commandLine().getOut();
        publisher(connection).listAll().forEach((subject, versions) -> out.println(subject + " versions " + versions));
        out.flush();
        return ExitCodes.OK;
    }

    private SchemaPublisher publisher(ConnectionOptions connection) throws PreflightException {
        RunStatusConfig config = connection.config();
        SchemaCatalog catalog = schemasDirectory == null ? config.schemaCatalog() : SchemaCatalog.load(schemasDirectory);
        return new SchemaPublisher(Preflight.of(config).registry(), config.topics(), catalog);
    }
}
