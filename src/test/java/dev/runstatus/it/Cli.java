package dev.runstatus.it;

import dev.runstatus.cli.RunStatusCli;
import dev.runstatus.schema.Family;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runstatus command line run in-process, as an operator would run it, with what it printed. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RunStatusCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Cli(exitCode, out.toString().replace(System.lineSeparator(), "\n"), err.toString());
    }

    /** Writes settings as the properties file an operator passes with --config. */
    static Path propertiesFile(Map<String, String> settings, Path file) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, null);
        }
        return file;
    }

    /**
     * Runs {@code reconcile} for each family over the whole input topics, as an auditor would, requires
     * each ledger to balance, and gives the number of input records they accounted for.
     */
    static long reconcileEveryFamily(Path properties) {
        long reconciled = 0;
        for (Family family : Family.values()) {
            Cli reconcile = run("reconcile", "--config=" + properties, "--family", family.id());
            assertEquals(0, reconcile.exitCode(), reconcile.toString());
            assertTrue(reconcile.out().contains("BALANCED: every input record is accounted for exactly once"), reconcile.out());
            reconciled += Long.parseLong(reconcile.out().lines().filter(line -> line.startsWith("input records"))
                    .findFirst().orElseThrow().replaceAll("\\D", ""));
        }
        return reconciled;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n" + out + err;
    }
}
