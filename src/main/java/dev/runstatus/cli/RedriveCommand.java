package dev.runstatus.cli;

import dev.runstatus.audit.RedriveFilter;
import dev.runstatus.audit.RedriveReport;
import dev.runstatus.audit.Redriver;
import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.schema.Family;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = {"Sends dead letters back to the input topic they came from, with their original key, value,"
                + " timestamp and headers (error and provenance headers stripped), once each: every one sent is"
                + " recorded in the redrive ledger in the same transaction.",
                "A record that was redriven and dead-lettered again is listed and not sent unless --again is given.",
                "Prints every record it sends."})
final class RedriveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--from-time", paramLabel = "INSTANT", description = "Only dead letters with this timestamp or later.")
    Instant fromTime;

    @Option(names = "--to-time", paramLabel = "INSTANT", description = "Only dead letters with a timestamp before this.")
    Instant toTime;

    @Option(names = "--family", converter = FamilyConverter.class, paramLabel = "run-result|auth-session-result",
            description = "Only dead letters of this family.")
    Family family;

    @Option(names = "--stage", paramLabel = "STAGE", description = "Only dead letters of this stage (parse, validate, route, ...).")
    String stage;

    @Option(names = "--reason", paramLabel = "REASON", description = "Only dead letters with this reason (schema-violation, ...).")
    String reason;

    @Option(names = "--limit", defaultValue = "" + Long.MAX_VALUE, paramLabel = "N", description = "Send at most N records.")
    long limit;

    @Option(names = "--dry-run", description = "Print what would be sent; send nothing.")
    boolean dryRun;

    @Option(names = "--again", description = "Also send records that were redriven before and dead-lettered again.")
    boolean again;

    @Override
    public Integer call() throws PreflightException {
        RunStatusConfig config = connection.config();
        List<String> topics = new ArrayList<>(List.of(config.topics().name(Topic.DEAD_LETTER), config.topics().name(Topic.REDRIVE_LEDGER)));
        Topic.INPUTS.forEach(input -> topics.add(config.topics().name(input)));
        Preflight.of(config).kafka().topics(topics);
        RedriveFilter filter = new RedriveFilter(Optional.ofNullable(fromTime), Optional.ofNullable(toTime),
                Optional.ofNullable(family).map(Family::id), Optional.ofNullable(stage), Optional.ofNullable(reason));
        PrintWriter out = spec.commandLine().getOut();
        Redriver redriver = new Redriver(ClientProperties.common(config), config.topics(),
                config.require(StreamsConfig.APPLICATION_ID_CONFIG) + "-redrive");
        RedriveReport report = redriver.redrive(filter, limit, dryRun, again, line -> {
            out.println(line);
            out.flush();
        });
        report.print(out, dryRun);
        return ExitCodes.OK;
    }
}
