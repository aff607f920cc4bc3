package dev.runstatus.topology;

import dev.runstatus.Fixtures;
import dev.runstatus.config.Topic;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.schema.Family;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a consumer sees, byte for byte: a fixed corpus (every fixture, every example, and 400 seeded
 * synthetic documents, valid and invalid) through the production topology, every output record's topic,
 * key, value and headers, against the listing in src/test/resources/corpus-outputs.txt. A change to the
 * code that changes any output byte fails here; the listing of this run is in target/corpus-outputs.txt.
 */
class OutputCorpusTest {

    private static final Path EXPECTED = Path.of("src", "test", "resources", "corpus-outputs.txt");
    private static final Path ACTUAL = Path.of("target", "corpus-outputs.txt");

    @Test
    void everyOutputRecordOfTheCorpusIsAsItWas() throws IOException {
        List<String> listing = new ArrayList<>();
        try (PipelineHarness pipeline = new PipelineHarness()) {
            int index = 0;
            for (Family family : Family.values()) {
                for (Path file : documents(family)) {
                    pipeline.pipe(Topic.inputOf(family), Fixtures.utf8("key-" + index++), Files.readAllBytes(file));
                }
            }
            SyntheticDocuments synthetic = new SyntheticDocuments(20261207, 0.2);
            for (int i = 0; i < 400; i++) {
                SyntheticDocument document = synthetic.next();
                pipeline.pipe(Topic.inputOf(document.family()), document.key(), document.value());
            }
            for (Topic topic : Topic.OUTPUTS) {
                for (TestRecord<byte[], byte[]> record : pipeline.read(topic)) {
                    listing.add(line(topic, record));
                }
            }
        }
        Files.write(ACTUAL, listing);
        assertEquals(Files.readAllLines(EXPECTED), listing, "diff " + EXPECTED + " " + ACTUAL);
    }

    private static List<Path> documents(Family family) throws IOException {
        List<Path> files = new ArrayList<>(Fixtures.all(family));
        try (Stream<Path> examples = Files.list(Path.of("examples", family.id()))) {
            examples.sorted().forEach(files::add);
        }
        if (family == Family.RUN_RESULT) {
            try (Stream<Path> invalid = Files.list(Path.of("examples", "invalid"))) {
                invalid.sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static String line(Topic topic, TestRecord<byte[], byte[]> record) {
        StringBuilder line = new StringBuilder(topic.defaultName()).append(' ')
                .append(record.key() == null ? "-" : new String(record.key(), StandardCharsets.UTF_8)).append(' ')
                .append(sha256(record.value())).append(' ').append(record.timestamp());
        for (Header header : record.headers()) {
            line.append(' ').append(header.key()).append('=').append(sha256(header.value()));
        }
        return line.toString();
    }

    private static String sha256(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
