package dev.runstatus.ops;

import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.Role;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.lifecycle.Lifecycle;
import dev.runstatus.lifecycle.LifecycleTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.tools.StreamsResetter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resets one role's Kafka Streams application to the beginning of the topics it reads, with Apache
 * Kafka's own {@link StreamsResetter} (the class behind {@code kafka-streams-application-reset.sh}): the
 * group's committed offsets go to the earliest, and the application's internal topics (the lifecycle's
 * changelogs) are deleted. Refused while the group has members, in runstatus's words, before the tool runs.
 */
public final class ApplicationReset {

    /** What a reset touches: the application (and group) id and the topics whose offsets go back. */
    public record Plan(Role role, String applicationId, List<String> inputTopics) {
    }

    private ApplicationReset() {
    }

    public static Plan plan(RunStatusConfig config, Role role) {
        return switch (role) {
            case ROUTING -> new Plan(role, config.require(StreamsConfig.APPLICATION_ID_CONFIG),
                    Topic.INPUTS.stream().map(config.topics()::name).toList());
            case LIFECYCLE -> new Plan(role, config.lifecycleApplicationId(), Lifecycle.values().stream()
                    .flatMap(lifecycle -> LifecycleTopology.branchTopics(lifecycle, config.topics()).stream()).toList());
            case ALL -> throw new IllegalArgumentException("reset one role at a time, routing or lifecycle: they are two applications"
                    + " with groups of their own");
        };
    }

    /** The plan's group's members, each as client id on host: a reset waits until there are none. */
    public static List<String> members(Admin admin, Plan plan, long timeoutMillis) throws InterruptedException, ExecutionException,
            TimeoutException {
        ConsumerGroupDescription group;
        try {
            group = admin.describeConsumerGroups(List.of(plan.applicationId())).all().get(timeoutMillis, TimeUnit.MILLISECONDS)
                    .get(plan.applicationId());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw e;
        }
        List<String> members = new ArrayList<>();
        for (MemberDescription member : group.members()) {
            members.add(member.clientId() + " on " + member.host());
        }
        return members;
    }

    /**
     * The application's internal topics (changelogs, repartition topics), which a reset deletes. A dry run
     * lists them itself rather than run Kafka's tool with --dry-run: after that, the next reset's rebuild
     * skipped whole partitions of the branch topics, for a cause not yet found.
     */
    public static List<String> internalTopics(Admin admin, Plan plan, long timeoutMillis) throws InterruptedException,
            ExecutionException, TimeoutException {
        return admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS).stream()
                .filter(topic -> topic.startsWith(plan.applicationId() + "-")
                        && (topic.endsWith("-changelog") || topic.endsWith("-repartition")))
                .sorted().toList();
    }

    /** Runs Kafka's reset tool for the plan; its exit code. The tool prints what it does itself. */
    public static int run(RunStatusConfig config, Plan plan) throws IOException {
        Path clientSettings = Files.createTempFile("runstatus-reset", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Properties properties = new Properties();
            ClientProperties.common(config).forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
            try (Writer writer = Files.newBufferedWriter(clientSettings, StandardCharsets.UTF_8)) {
                properties.store(writer, null);
            }
            List<String> args = new ArrayList<>(List.of("--bootstrap-server", config.require(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                    "--application-id", plan.applicationId(), "--input-topics", String.join(",", plan.inputTopics()), "--to-earliest",
                    "--config-file", clientSettings.toString()));
            return new StreamsResetter().execute(args.toArray(String[]::new));
        } finally {
            Files.deleteIfExists(clientSettings);
        }
    }
}
