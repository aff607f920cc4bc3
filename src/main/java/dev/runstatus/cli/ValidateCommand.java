package dev.runstatus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.reader.Captures;
import dev.runstatus.reader.DocumentReader;
import dev.runstatus.reader.Reading;
import dev.runstatus.reader.Violation;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks documents offline with the pipeline's own reader, one document per file (exact bytes),"
                + " with the schemas and limits the pipeline would use (--schemas-dir, --config, RUNSTATUS_* variables).",
                "Exit code 0 if all are valid, 1 if any is invalid, 2 on usage or I/O errors."},
        footer = {"", "Examples:", "  runstatus validate --family run-result result1.json result2.json",
                "  runstatus validate --family auth-session-result --format json *.json"})
final class ValidateCommand implements Callable<Integer> {

    enum Format { text, json }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--family", required = true, paramLabel = "run-result|auth-session-result",
            converter = FamilyConverter.class, description = "Document family of every file.")
    Family family;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "text|json",
            description = "text: '<file>: valid' or '<file>: invalid: <pointer> <reason>[; ...]'; json: one object per line.")
    Format format;

    @Option(names = "--schemas-dir", paramLabel = "DIR",
            description = "Validate with the .avsc files in DIR, as run --schemas-dir does (default: runstatus.schemas.dir, else the bundled ones).")
    Path schemasDirectory;

    @Mixin
    ConfigFile config;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Documents to check.")
    List<Path> files;

    @Override
    public Integer call() {
        RunStatusConfig settings = config.load(Map.of());
        SchemaCatalog catalog = schemasDirectory == null ? settings.schemaCatalog() : SchemaCatalog.load(schemasDirectory);
        DocumentReader reader = new DocumentReader(catalog, settings.pipelineSettings().limits(), Captures.NONE);
        PrintWriter out = spec.commandLine().getOut();
        int exitCode = ExitCodes.OK;
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = DocumentFiles.read(file);
            } catch (IOException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                exitCode = ExitCodes.USAGE_OR_IO;
                continue;
            }
            Reading result = reader.read(family, bytes);
            out.println(format == Format.json ? json(file, result) : text(file, result));
            if (!result.valid() && exitCode == ExitCodes.OK) {
                exitCode = ExitCodes.INVALID;
            }
        }
        out.flush();
        return exitCode;
    }

    private static String text(Path file, Reading result) {
        if (result.valid()) {
            return file + ": valid";
        }
        return file + ": invalid: " + result.violations().stream()
                .map(ValidateCommand::pointerAndReason)
                .collect(Collectors.joining("; "));
    }

    /** The document itself is pointer "", shown quoted so the line still reads as pointer then reason. */
    private static String pointerAndReason(Violation violation) {
        String pointer = violation.path().isEmpty() ? "\"\"" : violation.path();
        String detail = violation.expected() == null ? ""
                : " (expected " + violation.expected() + ", got " + violation.actual() + ")";
        return pointer + " " + violation.reason() + detail;
    }

    private static String json(Path file, Reading result) {
        ObjectNode line = JSON.createObjectNode();
        line.put("file", file.toString());
        line.put("valid", result.valid());
        ArrayNode violations = line.putArray("violations");
        for (Violation violation : result.violations()) {
            violation.writeTo(violations.addObject());
        }
        line.put("unknownKeys", result.unknownKeys());
        return line.toString();
    }
}
