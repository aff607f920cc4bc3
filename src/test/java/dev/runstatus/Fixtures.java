package dev.runstatus;

import dev.runstatus.schema.Family;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The realistic example documents under src/test/resources/documents, one directory per family. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path directory(Family family) {
        try {
            return Path.of(Fixtures.class.getResource("/documents/" + family.id()).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Path> all(Family family) {
        try (Stream<Path> files = Files.list(directory(family))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Family family, String name) {
        try {
            return Files.readAllBytes(directory(family).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
