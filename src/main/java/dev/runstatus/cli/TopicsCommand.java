package dev.runstatus.cli;

import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.ops.TopicCreator;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.ops.TopicPlan;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "topics", mixinStandardHelpOptions = true, subcommands = TopicsCommand.Create.class,
        description = "Manages runstatus's topics.")
final class TopicsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates every runstatus topic that does not exist yet, with the topic plan's configs; existing topics are left alone.")
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
}
