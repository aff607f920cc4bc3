package dev.runstatus.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.app.Pipeline;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.Role;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.lifecycle.Lifecycle;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.query.RunQueries;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routing and the lifecycle run apart: the routing commits whether the lifecycle runs or not, the
 * lifecycle builds every run's state from the branch topics whenever it starts, and in one {@code run}
 * a permanent failure of the lifecycle stops both, with the documented exit code and the role named.
 */
class RolesIT {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final Pattern HTTP_PORT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/metrics");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void theRoutingCommitsWhileTheLifecycleIsDownAndTheLifecycleBuildsEveryStateWhenItStarts() throws Exception {
        Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("roles."));
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        RunStatusConfig routing = config.with(Map.of(ConfigKeys.ROLE, Role.ROUTING.id()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealCluster.runtime().bootstrapServers()));
             Pipeline routingOnly = Pipeline.start(routing)) {
            assertEquals(List.of(Role.ROUTING), routingOnly.roles());
            Map<String, String> expected = send(config, 21, 150);
            awaitCommittedToTheEnd(admin, config.require(StreamsConfig.APPLICATION_ID_CONFIG), raw(config));
            assertEquals(Map.of(), admin.listConsumerGroupOffsets(config.lifecycleApplicationId()).partitionsToOffsetAndMetadata()
                    .get(), "the lifecycle has not run");

            try (Pipeline lifecycle = Pipeline.start(config.with(Map.of(ConfigKeys.ROLE, Role.LIFECYCLE.id(),
                    StreamsConfig.STATE_DIR_CONFIG, directory.resolve("first").toString())))) {
                assertEquals(List.of(Role.LIFECYCLE), lifecycle.roles());
                QueryAnswers.awaitStates(lifecycle.httpPort(), expected, CATCH_UP);
                HttpResponse<String> routingAsked = Scrape.get(routingOnly.httpPort(), Family.RUN_RESULT.queryPath() + "/any");
                assertEquals(404, routingAsked.statusCode());
                assertEquals("this instance runs the routing only (runstatus.role=routing); ask one that runs the lifecycle",
                        JSON.readTree(routingAsked.body()).path("error").asText());
            }

            expected.putAll(send(config, 22, 150));
            awaitCommittedToTheEnd(admin, config.require(StreamsConfig.APPLICATION_ID_CONFIG), raw(config));
            try (Pipeline restored = Pipeline.start(config.with(Map.of(ConfigKeys.ROLE, Role.LIFECYCLE.id(),
                    StreamsConfig.STATE_DIR_CONFIG, directory.resolve("empty").toString())))) {
                QueryAnswers.awaitStates(restored.httpPort(), expected, CATCH_UP);
            }
        }
    }

    @Test
    void inOneRunAPermanentFailureOfTheLifecycleStopsBothAndNamesIt() throws Exception {
        Map<String, String> settings = new HashMap<>(RealCluster.settingsFor("lifecyclegone."));
        settings.put(ConfigKeys.HEALTH_CHECK_INTERVAL_MS, "1000");
        RunStatusConfig config = RealCluster.config(settings);
        RealCluster.createTopics(config);
        Path properties = Cli.propertiesFile(settings, directory.resolve("lifecyclegone.properties"));
        String events = config.topics().name(Topic.LIFECYCLE_EVENTS);
        try (JarProcess run = JarProcess.start(directory, "lifecyclegone", "run", "--config=" + properties)) {
            run.awaitLine("Press Ctrl-C", Duration.ofSeconds(60));
            Matcher port = HTTP_PORT.matcher(run.out());
            assertTrue(port.find(), run.out());
            awaitReady(Integer.parseInt(port.group(1)));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealCluster.runtime().bootstrapServers()))) {
                admin.deleteTopics(List.of(events)).all().get();
            }
            long deleted = System.nanoTime();
            assertEquals(3, run.awaitExit(BOUND));
            assertTrue(Duration.ofNanos(System.nanoTime() - deleted).compareTo(BOUND) < 0);
            String line = "error: the lifecycle stopped: topic-missing: topic " + events + " deleted under the running pipeline;"
                    + " re-create with: runstatus topics create; the routing stopped with it";
            assertEquals(1, run.err().lines().filter(line::equals).count(), run.err());
        }
    }

    private static List<String> raw(RunStatusConfig config) {
        return Topic.INPUTS.stream().map(config.topics()::name).toList();
    }

    /** Documents of runs of their own; the expected status of each, by its query path. */
    private static Map<String, String> send(RunStatusConfig config, long seed, int count) throws Exception {
        SyntheticDocuments documents = new SyntheticDocuments(seed, 0);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            SyntheticDocument document = documents.next();
            records.add(new ProducerRecord<>(config.topics().name(Topic.inputOf(document.family())), document.key(), document.value()));
            Lifecycle lifecycle = Lifecycle.of(document.family());
            expected.put(RunQueries.pathOf(lifecycle, new String(document.key(), StandardCharsets.UTF_8)),
                    JSON.readTree(document.value()).get("status").asText());
        }
        Inputs.send(RealCluster.runtime().bootstrapServers(), records);
        return expected;
    }

    private static void awaitCommittedToTheEnd(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                .forEach(partition -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        Instant deadline = Instant.now().plus(CATCH_UP);
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            if (ends.entrySet().stream().allMatch(end -> end.getValue() == 0 || (committed.get(end.getKey()) != null
                    && committed.get(end.getKey()).offset() == end.getValue()))) {
                return;
            }
            assertTrue(Instant.now().isBefore(deadline), group + " committed " + committed + ", not " + ends);
            Thread.sleep(200);
        }
    }

    private static void awaitReady(int port) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Scrape.get(port, "/health/ready").statusCode() != 200) {
            assertTrue(Instant.now().isBefore(deadline), "ready within 60 s");
            Thread.sleep(200);
        }
    }
}
