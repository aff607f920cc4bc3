package dev.runstatus.schema;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every schema in a directory of .avsc files, by file name without ".avsc". All files are parsed before
 * any reference is resolved, so the order of files does not matter.
 */
public final class SchemaCatalog {

    private static final String EXTENDED_PAYLOAD_SCHEMA = "RunExtendedPayload";
    private static final String BUNDLED_DIRECTORY = "/schemas";

    private final Map<String, Schema> schemasByName;

    private SchemaCatalog(Map<String, Schema> schemasByName) {
        this.schemasByName = schemasByName;
    }

    /**
     * The schemas on the classpath: those this build was generated from, as packaged in the jar, and those
     * beside any other {@code schemas/families.json} that adds families.
     */
    public static SchemaCatalog bundled() {
        Map<String, String> texts = new TreeMap<>();
        for (URL table : Family.tables()) {
            Path directory = directoryOf(table);
            readAll(directory).forEach((name, text) -> {
                String earlier = texts.putIfAbsent(name, text);
                if (earlier != null && !earlier.equals(text)) {
                    throw new IllegalStateException("two different schemas named " + name + ".avsc on the classpath, one in " + directory);
                }
            });
        }
        return parse(texts);
    }

    public static SchemaCatalog load(Path directory) {
        return parse(readAll(directory));
    }

    private static SchemaCatalog parse(Map<String, String> texts) {
        SchemaParser parser = new SchemaParser();
        Map<String, SchemaParser.ParseResult> parsed = new LinkedHashMap<>();
        texts.forEach((name, text) -> parsed.put(name, parser.parse(text)));
        Map<String, Schema> catalog = new TreeMap<>();
        parsed.forEach((name, result) -> catalog.put(name, result.mainSchema()));
        return new SchemaCatalog(catalog);
    }

    private static Path directoryOf(URL table) {
        try {
            URI uri = table.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri).getParent();
            }
            return jarFileSystem(uri).getPath(BUNDLED_DIRECTORY);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the schemas beside " + table, e);
        }
    }

    public Map<String, Schema> all() {
        return schemasByName;
    }

    public Schema schema(String name) {
        Schema schema = schemasByName.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("no schema " + name + ".avsc among " + schemasByName.keySet());
        }
        return schema;
    }

    public Schema valueSchema(Family family) {
        return schema(family.schemaName());
    }

    public Schema extendedPayloadSchema() {
        return schema(EXTENDED_PAYLOAD_SCHEMA);
    }

    private static Map<String, String> readAll(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            Map<String, String> texts = new TreeMap<>();
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".avsc")).toList()) {
                String name = file.getFileName().toString();
                texts.put(name.substring(0, name.length() - ".avsc".length()),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
            if (texts.isEmpty()) {
                throw new IllegalArgumentException("no .avsc files in " + directory);
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schemas from " + directory, e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
            return FileSystems.newFileSystem(uri, Map.of());
        }
    }
}
