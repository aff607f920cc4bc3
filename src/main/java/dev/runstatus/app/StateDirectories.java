package dev.runstatus.app;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kafka Streams' state directory when {@code state.dir} is not configured: {@code runstatus-state/port-<port>}
 * in the working directory, beside the embedded runtime's {@code runstatus-data}. Two instances on one
 * machine must not share one (Kafka Streams refuses to start the second), and each already needs its
 * own HTTP port, so the port names it. Not under the system's temporary directory, which the OS may
 * clean under a long-running instance. A port of 0 (tests, mostly) gets a new temporary directory.
 */
final class StateDirectories {

    static final Path BASE = Path.of("runstatus-state");

    private StateDirectories() {
    }

    static Path defaultFor(RunStatusConfig config) {
        int port = config.intValue(ConfigKeys.HTTP_PORT);
        try {
            return port == 0 ? Files.createTempDirectory("runstatus-state-") : BASE.resolve("port-" + port).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory; set state.dir", e);
        }
    }
}
