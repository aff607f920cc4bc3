package dev.runstatus.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The schema upgrade the README walks through: the bundled schemas with client 0.4.2's one change, cancelled-user-action. */
final class EvolvedSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvolvedSchemas() {
    }

    /** Writes them into {@code directory} (created) and gives it back. */
    static Path write(Path directory) throws IOException {
        Path evolved = Files.createDirectories(directory);
        try (Stream<Path> files = Files.list(Path.of("schemas"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".avsc")).toList()) {
                Files.copy(file, evolved.resolve(file.getFileName()));
            }
        }
        Path reasonType = evolved.resolve("ReasonType.avsc");
        ObjectNode schema = (ObjectNode) JSON.readTree(reasonType.toFile());
        ArrayNode symbols = (ArrayNode) schema.get("symbols");
        symbols.insert(symbols.size() - 1, "cancelled_user_action");
        ((ObjectNode) schema.get("x-wire-values")).put("cancelled_user_action", "cancelled-user-action");
        JSON.writerWithDefaultPrettyPrinter().writeValue(reasonType.toFile(), schema);
        return evolved;
    }
}
