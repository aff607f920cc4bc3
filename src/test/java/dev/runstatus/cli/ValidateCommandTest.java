package dev.runstatus.cli;

import dev.runstatus.Fixtures;
import dev.runstatus.schema.Family;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateCommandTest {

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

    private Path write(String name, String content) throws Exception {
        return Files.writeString(directory.resolve(name), content);
    }

    @Test
    void allFixturesAreValid() {
        for (Family family : Family.values()) {
            List<String> args = new ArrayList<>(List.of("validate", "--family", family.id()));
            Fixtures.all(family).forEach(file -> args.add(file.toString()));
            assertEquals(0, execute(args.toArray(String[]::new)), err.toString());
        }
        assertTrue(out.toString().lines().allMatch(line -> line.endsWith(": valid")), out.toString());
        assertEquals(12, out.toString().lines().count());
    }

    @Test
    void printsOneLinePerFileWithEveryViolation() throws Exception {
        Path good = write("good.json", "{\"status\":\"pending\"}");
        Path bad = write("bad.json", "{\"status\":\"failed\",\"message\":null}");
        Path broken = write("broken.json", "{\"status\":");
        assertEquals(1, execute("validate", "--family", "auth-session-result", good.toString(), bad.toString(), broken.toString()));
        assertEquals(good + ": valid\n"
                + bad + ": invalid: /message null is not allowed (expected string, got null); /error missing required field\n"
                + broken + ": invalid: \"\" invalid-json: Unexpected end-of-input within/between Object entries at byte 10\n",
                out.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void jsonFormatPrintsOneObjectPerFile() throws Exception {
        Path bad = write("bad.json", "{\"runId\":\"r\",\"status\":\"done\",\"extra\":1}");
        assertEquals(1, execute("validate", "--family", "run-result", "--format", "json", bad.toString()));
        assertEquals("{\"file\":\"" + bad + "\",\"valid\":false,\"violations\":[{\"path\":\"/status\",\"reason\":\"unknown enum value\","
                        + "\"expected\":\"one of pending|started|completed|canceled|failed\",\"actual\":\"\\\"done\\\"\"}],\"unknownKeys\":1}\n",
                out.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void usageAndIoErrorsExitWithTwo() throws Exception {
        assertEquals(2, execute("validate", "--family", "run", write("a.json", "{}").toString()));
        assertTrue(err.toString().contains("unknown family 'run'"), err.toString());
        assertEquals(2, execute("validate", "--family", "run-result"));
        Path good = write("good.json", "{\"runId\":\"r\",\"status\":\"pending\"}");
        assertEquals(2, execute("validate", "--family", "run-result", good.toString(), directory.resolve("missing.json").toString()));
        assertTrue(out.toString().contains(good + ": valid"));
        assertTrue(err.toString().replace(System.lineSeparator(), "\n").endsWith("\nerror: cannot read "
                + directory.resolve("missing.json") + ": no such file\n"), err.toString());
    }

    @Test
    void theConfiguredLimitsAndSchemasApplyAsInThePipeline() throws Exception {
        Path deep = write("deep.json", "{\"runId\":\"r\",\"status\":\"completed\",\"result\":{\"a\":{\"b\":{\"c\":1}}}}");
        assertEquals(0, execute("validate", "--family", "run-result", deep.toString()));
        Path config = write("limits.properties", "runstatus.max.nesting.depth=3\n");
        assertEquals(1, execute("validate", "--family", "run-result", "--config", config.toString(), deep.toString()));
        assertTrue(out.toString().contains(deep + ": invalid: \"\" too-deep: nested deeper than runstatus.max.nesting.depth (3)"),
                out.toString());

        Path schemas = Files.createDirectories(directory.resolve("schemas"));
        for (Path schema : Files.list(Path.of("schemas")).filter(file -> file.toString().endsWith(".avsc")).toList()) {
            Files.copy(schema, schemas.resolve(schema.getFileName()));
        }
        Files.writeString(schemas.resolve("RunStatus.avsc"), Files.readString(schemas.resolve("RunStatus.avsc"))
                .replace("\"failed\",", "\"failed\", \"paused\","));
        Path paused = write("paused.json", "{\"runId\":\"r\",\"status\":\"paused\"}");
        out.getBuffer().setLength(0);
        assertEquals(1, execute("validate", "--family", "run-result", paused.toString()));
        assertEquals(0, execute("validate", "--family", "run-result", "--schemas-dir", schemas.toString(), paused.toString()),
                out.toString());
    }
}
