package dev.runstatus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.ops.TopicCreator;
import dev.runstatus.ops.TopicPlan;
import dev.runstatus.ops.TopicStates;
import dev.runstatus.preflight.Preflight;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "topics", mixinStandardHelpOptions = true, subcommands = {TopicsCommand.Create.class, TopicsCommand.ListTopics.class,
        TopicsCommand.Describe.class},
        description = "Creates, lists and describes runstatus's topics against the topic plan.")
final class TopicsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates every runstatus topic that does not exist yet, with the topic plan's configs; existing topics are left alone.",
            footer = {"", "Example:", "  runstatus topics create --bootstrap-servers kafka:9092 --replication-factor 3"})
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--partitions", defaultValue = "" + TopicPlan.DEFAULT_PARTITIONS, description = "Partitions per topic (default ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor", defaultValue = "1", description = "Replicas per partition (default ${DEFAULT-VALUE}; use 3 on a real cluster).")
        short replicationFactor;

        @Override
        public Integer call() throws Exception {
            RunStatusConfig config = connection.config();
            Preflight.of(config).kafka();
            List<String> created;
            try (Admin admin = Admin.create(ClientProperties.common(config))) {
                created = TopicCreator.createMissing(admin, config.topics(), partitions, replicationFactor);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(created.isEmpty() ? "all topics exist" : "created " + String.join(", ", created));
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** The topics, as the cluster has them. */
    abstract static class Inspect implements Callable<Integer> {

        static final ObjectMapper JSON = new ObjectMapper();

        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputFormat output;

        @Option(names = "--partitions", defaultValue = "" + TopicPlan.DEFAULT_PARTITIONS,
                description = "The partitions the plan expects (default ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor", paramLabel = "N", description = "The replicas the plan expects (default: not checked).")
        Short replicationFactor;

        List<TopicStates.TopicState> inspect() throws Exception {
            RunStatusConfig config = connection.config();
            Preflight.of(config).kafka();
            try (Admin admin = Admin.create(ClientProperties.common(config))) {
                return TopicStates.inspect(admin, config.topics(), partitions, Optional.ofNullable(replicationFactor),
                        config.require(StreamsConfig.APPLICATION_ID_CONFIG));
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists runstatus's topics: whether each exists, its partitions and replicas.",
            footer = {"", "Example:", "  runstatus topics list --format json"})
    static final class ListTopics extends Inspect {

        @Override
        public Integer call() throws Exception {
            List<TopicStates.TopicState> states = inspect().stream().filter(state -> !state.leftover()).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                out.println(JSON.createArrayNode().addAll(states.stream().map(state -> JSON.createObjectNode().put("name", state.name())
                        .put("exists", state.exists()).put("authorized", state.authorized()).put("partitions", state.partitions())
                        .put("replicas", state.replicas())).toList()));
            } else {
                out.printf("%-36s %10s %8s%n", "topic", "partitions", "replicas");
                states.forEach(state -> out.printf("%-36s %10s %8s%n", state.name(),
                        state.exists() ? state.partitions() : state.authorized() ? "missing" : "not authorized", state.exists() ? state.replicas() : ""));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = {"Describes runstatus's topics, with their drift from the topic plan (partitions, replicas, cleanup policy,"
                    + " retention, max.message.bytes), and the topics an earlier version left that nothing reads any more.",
                    "Exit code 0 when every topic is as planned, 1 when one is missing, drifts or is left over."},
            footer = {"", "Examples:", "  runstatus topics describe", "  runstatus topics describe --replication-factor 3 --format json"})
    static final class Describe extends Inspect {

        @Override
        public Integer call() throws Exception {
            List<TopicStates.TopicState> states = inspect();
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                out.println(JSON.valueToTree(states));
            } else {
                for (TopicStates.TopicState state : states) {
                    if (!state.exists()) {
                        out.println(state.name() + (state.authorized() ? "  MISSING" : "  NOT AUTHORIZED"));
                        state.drift().stream().filter(drift -> !state.authorized()).forEach(drift -> out.println("  " + drift));
                        continue;
                    }
                    if (state.leftover()) {
                        out.println(state.name() + "  LEFTOVER");
                        state.drift().forEach(drift -> out.println("  DRIFT " + drift));
                        continue;
                    }
                    out.printf("%s  partitions %d  replicas %d  %s%n", state.name(), state.partitions(), state.replicas(),
                            String.join("  ", state.configs().entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue()).toList()));
                    state.drift().forEach(drift -> out.println("  DRIFT " + drift));
                }
            }
            out.flush();
            return states.stream().allMatch(state -> state.drift().isEmpty()) ? ExitCodes.OK : ExitCodes.INVALID;
        }
    }
}
