package dev.runstatus.cli;

import dev.runstatus.Fixtures;
import dev.runstatus.schema.Family;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the command line says to a mistake, before it connects to anything; and what every command documents. */
class CliTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine commandLine = RunStatusCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private String err() {
        return err.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void everyCommandsHelpShowsAnExampleAndEveryCommandKnowsItsVersion() {
        List<String> withoutExample = new ArrayList<>();
        List<String> withoutVersion = new ArrayList<>();
        visitLeaves(RunStatusCli.commandLine(), command -> {
            String name = command.getCommandSpec().qualifiedName();
            if (!command.getUsageMessage().contains("Example")) {
                withoutExample.add(name);
            }
            if (command.getCommandSpec().version().length == 0 || !command.getCommandSpec().version()[0].startsWith("runstatus ")) {
                withoutVersion.add(name);
            }
        });
        assertEquals(List.of(), withoutExample);
        assertEquals(List.of(), withoutVersion);
        assertEquals(0, execute("tail", "-V"));
        assertTrue(out.toString().startsWith("runstatus "), out.toString());
        assertTrue(out.toString().contains("revision ") && out.toString().contains("Apache Kafka 4.3.1, Apache Avro 1.12.1"),
                out.toString());
    }

    private static void visitLeaves(CommandLine command, java.util.function.Consumer<CommandLine> visitor) {
        if (command.getSubcommands().isEmpty()) {
            if (!List.of("help", "generate-completion").contains(command.getCommandName())) {
                visitor.accept(command);
            }
            return;
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> visitLeaves(sub, visitor));
    }

    @Test
    void mistakesAreRefusedWithOneLineThatSaysWhat() throws Exception {
        java.nio.file.Files.writeString(directory.resolve("pending.json"), "{}");
        assertRefused("error: --count must be at least 1, not -5", "produce", "--synthetic", "--count", "-5");
        assertRefused("error: cannot read " + directory.resolve("missing.json") + ": no such file", "produce", "--family", "run-result",
                directory.resolve("missing.json").toString());
        assertRefused("error: cannot read " + directory + ": it is a directory", "produce", "--family", "run-result",
                directory.toString());
        assertRefused("error: run-results.completed is a topic runstatus writes, not an input: produce sends raw documents, to"
                + " run-results.raw, auth-session-results.raw or an input topic of your own", "produce", "--topic",
                "run-results.completed", pending());
        assertRefused("error: --reason 'schema_violation' is not a value dead letters carry (did you mean 'schema-violation'?); one of:"
                + " empty, too-large, byte-order-mark, invalid-utf8, unpaired-surrogate, too-deep, number-too-long, number-out-of-range,"
                + " duplicate-key, invalid-json, schema-violation, unknown-family, no-route, serialization-failed, record-too-large,"
                + " production-failed, unexpected-exception", "redrive", "--reason", "schema_violation");
        assertRefused("error: --stage 'parsing' is not a value dead letters carry (did you mean 'parse'?); one of: parse, validate,"
                + " route, serialize, produce, process", "redrive", "--stage", "parsing");
        assertRefused("error: cannot create the data directory " + directory.resolve("pending.json/data") + ": not a directory",
                "run", "--data-dir", directory.resolve("pending.json/data").toString(), "--kafka-port", "1", "--registry-port", "2");
        assertRefused("error: Invalid value for option '--from-time': 'yesterday' is not an instant: give one in ISO-8601, in UTC,"
                + " such as 2026-11-01T00:00:00Z", "reconcile", "--family", "run-result", "--from-time", "yesterday");
        assertRefused("error: Invalid value for option '--role': expected routing or lifecycle, not 'all': two applications with"
                + " groups of their own, reset one at a time", "reset", "--role", "all");
        assertRefused("error: Unknown option: '--roel' (did you mean '--role'?)", "reset", "--roel", "lifecycle");
        assertRefused("error: Unknown option: '--principle' (did you mean '--principal'?)", "acls", "--principle", "User:rs");
        assertRefused("error: --principal must be User:NAME, as the broker names it, not runstatus", "acls", "--principal", "runstatus");
        assertRefused("error: Invalid value for option '--role': the role must be one of routing, lifecycle, operator, all, not both",
                "acls", "--principal", "User:rs", "--role", "both");
    }

    @Test
    void aMistypedCommandGetsTheNearestOne() {
        assertRefused("error: Unmatched argument at index 1: 'lsit'", "topics", "lsit");
        assertEquals("Did you mean: runstatus topics list?", err().lines().skip(1).findFirst().orElse(""));
        assertRefused("error: Unmatched argument at index 0: 'stauts'", "stauts");
        assertTrue(err().lines().skip(1).findFirst().orElse("").startsWith("Did you mean: runstatus status"), err());
        assertRefused("error: Unmatched argument at index 1: 'zzzzzz'", "topics", "zzzzzz");
        assertEquals("Try 'runstatus topics --help' for the options and examples.", err().lines().skip(1).findFirst().orElse(""));
    }

    private void assertRefused(String firstLine, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertEquals(2, execute(args), err());
        assertEquals(firstLine, err().lines().findFirst().orElse(""), String.join(" ", args));
        assertTrue(err().lines().count() <= 3, err());
    }

    @Test
    void theCommonSpellingsOfKafkasToolsParse() {
        CommandLine.ParseResult files = RunStatusCli.commandLine().parseArgs("produce", "--family", "run-result", pending(), pending());
        assertEquals(2, files.subcommand().matchedPositional(0).<List<?>>getValue().size());
        for (String spelling : List.of("-b", "--bootstrap-server", "--bootstrap-servers")) {
            CommandLine.ParseResult parsed = RunStatusCli.commandLine().parseArgs("tail", spelling, "h:1", "-t", "x");
            assertEquals("h:1", parsed.subcommand().matchedOption("--bootstrap-servers").getValue());
        }
        CommandLine.ParseResult headers = RunStatusCli.commandLine().parseArgs("produce", "-H", "a=1", "--header", "b=2", "-p", "1",
                pending());
        assertEquals(java.util.Map.of("a", "1", "b", "2"), headers.subcommand().matchedOption("--header").getValue());
    }

    private static String pending() {
        return Fixtures.directory(Family.RUN_RESULT).resolve("pending.json").toString();
    }
}
