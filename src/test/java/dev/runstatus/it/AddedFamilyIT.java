package dev.runstatus.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.embedded.FreePorts;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A third family, added as the README says a user adds one: its .avsc and its one entry of
 * {@code schemas/families.json} in a directory on the classpath (src/test/resources/added-family), no
 * other change. The real CLI creates its topics, and the real pipeline (routing and lifecycle, in a JVM of
 * its own) routes its documents by the statuses of its entry, keys them by its key field, dead-letters an
 * invalid one, keeps each run's state and answers for it on the family's query path.
 */
class AddedFamilyIT {

    private static final Path ADDED = Path.of("target", "test-classes", "added-family").toAbsolutePath();
    private static final Schema CRAWL_RESULT = parse(ADDED.resolve("schemas").resolve("CrawlResult.avsc"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(120);

    @TempDir
    Path directory;

    @Test
    void aFamilyOnTheClasspathIsRoutedTrackedAndQueriedWithNoOtherChange() throws Exception {
        int port = FreePorts.loopback();
        Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("added-family."));
        settings.put(ConfigKeys.HTTP_PORT, String.valueOf(port));
        settings.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve("state").toString());
        RunStatusConfig config = RealCluster.config(settings);
        Path properties = Cli.propertiesFile(settings, directory.resolve("added-family.properties"));

        Path createLog = directory.resolve("topics-create.log");
        assertEquals(0, cli(List.of(ADDED), createLog, "topics", "create", "--config", properties.toString()), Files.readString(createLog));
        String created = Files.readString(createLog);
        for (String topic : List.of("crawl-results.raw", "crawl-results.completed", "crawl-results.errors",
                "crawl-results.progress", "crawl-results.status")) {
            assertTrue(created.contains(topic), "topics create names " + topic + ":\n" + created);
        }
        assertTrue(!created.contains("crawl-results.extended-payloads"), "the entry has no extended payloads:\n" + created);

        byte[] unknownStatus = utf8("{\"crawlId\":\"c3\",\"status\":\"lost\"}");
        Instant start = Instant.now().minus(Duration.ofMinutes(10));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        records.add(input("op-1", utf8("{\"crawlId\":\"c1\",\"status\":\"queued\"}"), start.plusSeconds(0)));
        records.add(input("op-2", utf8("{\"crawlId\":\"c1\",\"status\":\"crawling\",\"pages\":3}"), start.plusSeconds(1)));
        records.add(input("op-3", utf8("{\"crawlId\":\"c1\",\"status\":\"finished\",\"pages\":7}"), start.plusSeconds(2)));
        records.add(input("op-4", utf8("{\"crawlId\":\"c2\",\"status\":\"failed\"}"), start.plusSeconds(3)));
        records.add(input("op-5", unknownStatus, start.plusSeconds(4)));
        records.add(input("op-6", utf8("{\"crawlId\":\"c4\",\"status\":\"queued\"}"), start.plusSeconds(5)));

        try (ChildPipeline pipeline = ChildPipeline.start(settings, Files.createDirectories(directory.resolve("pipeline")), List.of(ADDED))) {
            pipeline.awaitReady(port, BOUND);
            Inputs.send(RealCluster.runtime().bootstrapServers(), records);
            QueryAnswers.awaitStates(port, Map.of("/crawls/c1", "finished", "/crawls/c2", "failed", "/crawls/c4", "queued"), BOUND);

            JsonNode c1 = JSON.readTree(Scrape.get(port, "/crawls/c1").body());
            assertEquals("crawl-result", c1.path("family").asText());
            assertTrue(c1.path("terminal").asBoolean(), c1.toString());
            assertEquals(3, c1.path("reports").asInt(), c1.toString());
            assertEquals(List.of("queued", "crawling", "finished"),
                    c1.path("history").findValuesAsText("status"), c1.toString());
            HttpResponse<String> inFlight = Scrape.get(port, "/crawls?status=queued");
            assertEquals(200, inFlight.statusCode(), inFlight.body());
            assertEquals(List.of("c4"), JSON.readTree(inFlight.body()).findValuesAsText("key"), inFlight.body());
            assertEquals(404, Scrape.get(port, "/crawls/c3").statusCode(), "an invalid document makes no run");

            Map<String, List<String>> branches = new TreeMap<>();
            for (String branch : List.of("crawl-results.progress", "crawl-results.completed", "crawl-results.errors")) {
                List<ConsumerRecord<byte[], byte[]>> read = TopicReader.readAll(RealCluster.runtime().bootstrapServers(), List.of(branch), BOUND);
                List<String> decoded = new ArrayList<>();
                read.forEach(record -> decoded.add(new String(record.key(), StandardCharsets.UTF_8) + " " + decode(record.value())));
                branches.put(branch, decoded);
            }
            assertEquals(Map.of(
                    "crawl-results.progress", List.of("c1 {\"crawlId\": \"c1\", \"status\": \"crawling\", \"pages\": 3}",
                            "c1 {\"crawlId\": \"c1\", \"status\": \"queued\", \"pages\": null}",
                            "c4 {\"crawlId\": \"c4\", \"status\": \"queued\", \"pages\": null}"),
                    "crawl-results.completed", List.of("c1 {\"crawlId\": \"c1\", \"status\": \"finished\", \"pages\": 7}"),
                    "crawl-results.errors", List.of("c2 {\"crawlId\": \"c2\", \"status\": \"failed\", \"pages\": null}")),
                    sortedWithinTopics(branches), "each document on its status's branch, keyed by crawlId");

            String deadLetters = config.topics().name(Topic.DEAD_LETTER);
            List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.readAll(RealCluster.runtime().bootstrapServers(),
                    List.of(deadLetters), BOUND);
            assertEquals(1, dead.size(), "one dead letter");
            assertArrayEquals(unknownStatus, dead.get(0).value(), "the original bytes");
            assertEquals("crawl-result", header(dead.get(0), HeaderKeys.ERROR_FAMILY));
            assertEquals("op-5", new String(dead.get(0).key(), StandardCharsets.UTF_8), "the input's key");

            List<ConsumerRecord<byte[], byte[]>> status = TopicReader.readUntil(RealCluster.runtime().bootstrapServers(),
                    List.of("crawl-results.status"), read -> read.stream().anyMatch(record -> "c2".equals(key(record))), BOUND);
            assertTrue(status.stream().map(AddedFamilyIT::key).toList().containsAll(List.of("c1", "c2", "c4")),
                    "a state on the family's status topic for each run");
        }
    }

    @Test
    void aBrokenFamilyTableStopsEveryCommandWithOneLine() throws Exception {
        Path schemas = Files.createDirectories(directory.resolve("broken").resolve("schemas"));
        Files.writeString(schemas.resolve("families.json"), "[{\"id\": \"crawl-result\", \"schema\": \"CrawlResult\","
                + " \"topics\": \"crawl-results\", \"branches\": \"crawl-result\", \"queryPath\": \"/crawls\","
                + " \"progress\": [\"queued\"], \"completed\": [\"finished\"], \"errors\": [\"queued\"]}]");
        Path log = directory.resolve("broken.log");
        assertEquals(2, cli(List.of(directory.resolve("broken")), log, "topics", "list"));
        assertEquals(List.of("error: the family crawl-result in " + schemas.resolve("families.json")
                + " names status queued twice"), Files.readAllLines(log));
    }

    private static ProducerRecord<byte[], byte[]> input(String key, byte[] value, Instant at) {
        return new ProducerRecord<>("crawl-results.raw", 0, at.toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** The Confluent wire format: magic byte 0, a four-byte schema id, then Avro binary of the family's schema. */
    private static String decode(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        assertEquals(0, buffer.get(), "magic byte");
        assertTrue(buffer.getInt() > 0, "a registered schema id");
        try {
            GenericRecord record = new GenericDatumReader<GenericRecord>(CRAWL_RESULT)
                    .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
            return record.toString();
        } catch (IOException e) {
            throw new AssertionError("not Avro of " + CRAWL_RESULT.getFullName(), e);
        }
    }

    private static Map<String, List<String>> sortedWithinTopics(Map<String, List<String>> branches) {
        Map<String, List<String>> sorted = new TreeMap<>();
        branches.forEach((topic, values) -> sorted.put(topic, values.stream().sorted().toList()));
        return sorted;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A runstatus command in its own JVM with {@code classpath} after the test's, its output in {@code log}; its exit code. */
    private static int cli(List<Path> classpath, Path log, String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ChildPipeline.command(classpath, args)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("runstatus " + String.join(" ", args) + " still running after 60 s:\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
