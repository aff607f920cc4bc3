package dev.runstatus.cli;

import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.Role;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.ops.ApplicationReset;
import dev.runstatus.preflight.Preflight;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runstatus reset --role routing|lifecycle}: one role's application back to the beginning of what it reads. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Resets one role's Kafka Streams application, with Apache Kafka's own reset tool, so that it reads its topics"
                + " again from their beginning: the routing the raw input topics (it then writes every output again), the lifecycle"
                + " the branch topics (it then builds every run's state again; delete each lifecycle instance's state directory"
                + " too). The application's internal topics are deleted.",
                "Refused while the role's group has members: stop every instance of the role first.",
                "Exit code 0, or 2 when the group has members, the cluster cannot be reached or the reset failed."},
        footer = {"", "Examples:", "  runstatus reset --role lifecycle --bootstrap-servers kafka:9092 --dry-run",
                "  runstatus reset --role lifecycle --bootstrap-servers kafka:9092"})
final class ResetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--role", required = true, paramLabel = "routing|lifecycle", converter = ApplicationConverter.class,
            description = "routing or lifecycle: the application to reset. They are two applications with groups of their own,"
                    + " reset one at a time.")
    Role role;

    @Option(names = "--dry-run", description = "Print the topics whose offsets would go back and the internal topics that would be"
            + " deleted, and do nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        RunStatusConfig config = connection.config();
        Preflight.of(config).kafka();
        ApplicationReset.Plan plan = ApplicationReset.plan(config, role);
        List<String> members;
        List<String> internalTopics = List.of();
        try (Admin admin = Admin.create(ClientProperties.common(config))) {
            members = ApplicationReset.members(admin, plan, config.connectTimeout().toMillis());
            if (dryRun) {
                internalTopics = ApplicationReset.internalTopics(admin, plan, config.connectTimeout().toMillis());
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        if (!members.isEmpty()) {
            err.println("error: the " + role.id() + "'s group " + plan.applicationId() + " has " + members.size()
                    + (members.size() == 1 ? " member (" : " members (") + String.join(", ", members) + "); stop every instance"
                    + " that runs the " + role.id() + " first");
            err.flush();
            return ExitCodes.USAGE_OR_IO;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println((dryRun ? "would reset " : "resetting ") + plan.applicationId() + " to the beginning of "
                + String.join(", ", plan.inputTopics()));
        if (dryRun) {
            out.println("would delete its internal topics: " + (internalTopics.isEmpty() ? "none" : String.join(", ", internalTopics)));
            out.flush();
            return ExitCodes.OK;
        }
        out.flush();
        int code = ApplicationReset.run(config, plan);
        if (code != 0) {
            err.println("error: Kafka's reset tool failed for " + plan.applicationId() + " (its message is above)");
            err.flush();
            return ExitCodes.USAGE_OR_IO;
        }
        out.println(role == Role.LIFECYCLE
                ? "now delete the state directory (" + StreamsConfig.STATE_DIR_CONFIG + ") of every lifecycle instance, then start"
                + " them: they build every run's state again from the branch topics"
                : "start the routing again: it reads the input topics from their beginning and writes every output again");
        out.flush();
        return ExitCodes.OK;
    }

    /** One application: the routing or the lifecycle, never both at once. */
    static final class ApplicationConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            return Arrays.stream(Role.values()).filter(role -> role != Role.ALL && role.id().equals(value)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("expected routing or lifecycle, not '" + value
                            + "': two applications with groups of their own, reset one at a time"));
        }
    }
}
