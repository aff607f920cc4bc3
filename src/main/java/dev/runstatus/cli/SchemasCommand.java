package dev.runstatus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.ops.SchemaPublisher;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.registry.Compatibility;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--schemas-dir", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Use the .avsc files in DIR instead of those built into the jar (default: runstatus.schemas.dir if set).")
    Path schemasDirectory;

    @Command(name = "register", mixinStandardHelpOptions = true, description = "Registers every output topic's value schema.",
            footer = {"", "Examples:", "  runstatus schemas register --schema-registry-url http://registry:8081",
                    "  runstatus schemas register --schemas-dir path/to/new/schemas"})
    int register(@Mixin ConnectionOptions connection) throws PreflightException {
        Map<String, Integer> ids = publisher(connection).registerAll();
        PrintWriter out = spec.commandLine().getOut();
        ids.forEach((subject, id) -> out.println(subject + " id " + id));
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Checks the schemas against the registry, with the registry's reasons; exit code 1 if any is incompatible.",
            footer = {"", "Example:", "  runstatus schemas check --schemas-dir path/to/new/schemas --format json"})
    int check(@Mixin ConnectionOptions connection, @Mixin OutputFormat output) throws PreflightException {
        Map<String, Compatibility> verdicts = publisher(connection).checkAll();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode json = JSON.createObjectNode();
            verdicts.forEach((subject, verdict) -> json.set(subject, JSON.valueToTree(verdict)));
            out.println(JSON.createObjectNode().put("compatible", verdicts.values().stream().allMatch(Compatibility::compatible))
                    .set("subjects", json));
        } else {
            verdicts.forEach((subject, verdict) -> out.println(subject + (verdict.compatible() ? " compatible" : " INCOMPATIBLE"
                    + (verdict.messages().isEmpty() ? "" : ": " + String.join("; ", verdict.messages())))));
        }
        out.flush();
        return verdicts.values().stream().allMatch(Compatibility::compatible) ? ExitCodes.OK : ExitCodes.INVALID;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the registry's subjects and their versions.",
            footer = {"", "Example:", "  runstatus schemas list --config client.properties"})
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
