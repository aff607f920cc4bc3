package dev.runstatus;

import dev.runstatus.json.JsonLimits;
import dev.runstatus.reader.DocumentReader;
import dev.runstatus.reader.Reading;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.DocumentFields;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example documents are what examples/README.md says, and every example the documentation names exists. */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("examples");
    private static final DocumentReader READER = DocumentFields.reader(SchemaCatalog.bundled(), JsonLimits.defaults());
    private static final Pattern NAMED = Pattern.compile("examples/[\\w./-]+\\.(jsonl|json)\\b");

    @Test
    void everyExampleIsValidOrInvalidAsItsFolderSays() throws IOException {
        for (Family family : Family.values()) {
            List<Path> documents = files(EXAMPLES.resolve(family.id()));
            assertEquals(5, documents.size(), family.id());
            for (Path document : documents) {
                Reading reading = READER.read(family, Files.readAllBytes(document));
                assertTrue(reading.valid(), document + ": " + reading.violations() + reading.unreadable());
            }
        }
        for (Path document : files(EXAMPLES.resolve("invalid"))) {
            assertFalse(READER.read(Family.RUN_RESULT, Files.readAllBytes(document)).valid(), document.toString());
        }
        for (String line : Files.readAllLines(EXAMPLES.resolve("results.jsonl"))) {
            assertTrue(READER.read(Family.RUN_RESULT, line.substring(line.indexOf('\t') + 1).getBytes()).valid(), line);
        }
    }

    @Test
    void everyExampleTheDocumentationNamesExists() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), EXAMPLES.resolve("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).forEach(pages::add);
        }
        TreeSet<String> missing = new TreeSet<>();
        int named = 0;
        for (Path page : pages) {
            Matcher example = NAMED.matcher(Files.readString(page));
            while (example.find()) {
                named++;
                if (!Files.exists(Path.of(example.group()))) {
                    missing.add(page + ": " + example.group());
                }
            }
        }
        assertEquals(new TreeSet<>(), missing);
        assertTrue(named >= 3, "the documentation names examples: " + named);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
