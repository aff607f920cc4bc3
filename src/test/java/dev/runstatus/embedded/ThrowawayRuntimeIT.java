package dev.runstatus.embedded;

import dev.runstatus.config.TopicNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A throwaway runtime leaves nothing behind: its broker's logs and the registry's snapshot go with it. */
class ThrowawayRuntimeIT {

    @TempDir
    Path parent;

    @Test
    void closingDeletesEverythingTheRuntimeWrote() throws Exception {
        Path directory;
        try (EmbeddedRuntime runtime = EmbeddedRuntime.throwaway(parent, EmbeddedRuntime.Ports.free(), TopicNames.defaults())) {
            runtime.start();
            directory = single(parent);
            assertTrue(Files.exists(directory.resolve(EmbeddedRuntime.SNAPSHOT_FILE)), "the registry's snapshot is saved on start");
            try (Stream<Path> files = Files.walk(directory)) {
                assertTrue(files.anyMatch(file -> file.getFileName().toString().endsWith(".log")), "the broker wrote its logs");
            }
        }
        assertEquals(List.of(), list(parent), "nothing left of " + directory);
    }

    private static Path single(Path parent) throws IOException {
        List<Path> children = list(parent);
        assertEquals(1, children.size(), children.toString());
        return children.get(0);
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            return children.toList();
        }
    }
}
