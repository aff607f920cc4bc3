package dev.runstatus.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The configuration reference and the code's keys: every runstatus key documented, every documented key one that exists. */
class ConfigurationDocTest {

    private static final Path REFERENCE = Path.of("docs", "configuration.md");
    private static final Pattern KEY = Pattern.compile("^\\| `([^`]+)`");
    /** Patterns the reference shows for families of keys, not keys themselves. */
    private static final List<String> PATTERNS = List.of("runstatus.topic.<default name>", "runstatus.routing.streams.<key>");

    @Test
    void everyKeyRunstatusReadsIsDocumentedAndEveryDocumentedKeyExists() throws IOException {
        TreeSet<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            Matcher key = KEY.matcher(line);
            if (key.find()) {
                documented.add(key.group(1));
            }
        }
        TreeSet<String> undocumented = new TreeSet<>(ConfigKeys.SETTINGS);
        undocumented.removeIf(setting -> documentedIn(setting, REFERENCE));
        assertEquals(new TreeSet<>(), undocumented, "runstatus keys missing from " + REFERENCE);
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : documented) {
            if (!PATTERNS.contains(key) && KnownKeys.warning(key, "in " + REFERENCE).isPresent()) {
                unknown.add(key);
            }
        }
        assertEquals(new TreeSet<>(), unknown, "keys in " + REFERENCE + " that neither runstatus nor Kafka knows");
        Map<String, String> defaults = RunStatusConfig.defaults();
        TreeSet<String> wrongDefaults = new TreeSet<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            Matcher key = KEY.matcher(line);
            if (key.find() && defaults.containsKey(key.group(1)) && !defaults.get(key.group(1)).isEmpty()
                    && !line.split("\\|")[2].contains(defaults.get(key.group(1)))) {
                wrongDefaults.add(key.group(1) + " (the code's default: " + defaults.get(key.group(1)) + ")");
            }
        }
        assertEquals(new TreeSet<>(), wrongDefaults, "defaults in " + REFERENCE + " that differ from the code's");
    }

    private static boolean documentedIn(String setting, Path reference) {
        try {
            return Files.readString(reference).contains("`" + setting + "`");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
