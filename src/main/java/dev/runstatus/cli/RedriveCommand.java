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
import dev.runstatus.topology.DeadLetterReason;
import dev.runstatus.topology.Stage;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = {"Sends dead letters back to the input topic they came from, with their original key, value,"
                + " timestamp and headers (error and provenance headers stripped), once each: every one sent is"
                + " recorded in the redrive ledger in the same transaction.",
                "A record that was redriven and dead-lettered again is listed and not sent unless --again is given.",
                "Prints every record it sends."},
        footer = {"", "Examples:", "  runstatus redrive --reason schema-violation --dry-run",
                "  runstatus redrive --family run-result --from-time 2026-11-01T00:00:00Z --limit 100 --format json"})
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

    @Mixin
    OutputFormat output;

    @Option(names = "--dry-run", description = "Print what would be sent; send nothing.")
    boolean dryRun;

    @Option(names = "--again", description = "Also send records that were redriven before and dead-lettered again.")
    boolean again;

    /** A typo would select nothing and look like success: a value must be one that dead letters carry. */
    private void requireKnown(String option, String value, List<String> known) {
        if (value != null && !known.contains(value)) {
            String near = known.stream().min(Comparator.comparingInt(code -> LevenshteinDistance.getDefaultInstance().apply(code, value)))
                    .filter(code -> LevenshteinDistance.getDefaultInstance().apply(code, value) <= 3).map(code -> " (did you mean '" + code + "'?)")
                    .orElse("");
            throw new ParameterException(spec.commandLine(), option + " '" + value + "' is not a value dead letters carry" + near
                    + "; one of: " + String.join(", ", known));
        }
    }

    @Override
    public Integer call() throws PreflightException {
        requireKnown("--stage", stage, Arrays.stream(Stage.values()).map(Stage::id).toList());
        requireKnown("--reason", reason, DeadLetterReason.allCodes());
        if (limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be 0 or more, not " + limit);
        }
        RunStatusConfig config = connection.config();
        List<String> topics = new ArrayList<>(List.of(config.topics().name(Topic.DEAD_LETTER), config.topics().name(Topic.REDRIVE_LEDGER)));
        Topic.INPUTS.forEach(input -> topics.add(config.topics().name(input)));
        Preflight.of(config).kafka().topics(topics);
        RedriveFilter filter = new RedriveFilter(Optional.ofNullable(fromTime), Optional.ofNullable(toTime),
                Optional.ofNullable(family).map(Family::id), Optional.ofNullable(stage), Optional.ofNullable(reason));
        PrintWriter out = spec.commandLine().getOut();
        Redriver redriver = new Redriver(ClientProperties.common(config), config.topics(),
                config.require(StreamsConfig.APPLICATION_ID_CONFIG) + "-redrive");
        ListedLines lines = new ListedLines(output.json() ? null : out);
        RedriveReport report;
        try (Progress progress = Progress.of(spec.commandLine().getErr(), "redrive", 0, redriver::recordsRead)) {
            report = redriver.redrive(filter, limit, dryRun, again, lines);
        }
        if (output.json()) {
            out.println(lines.into(report.toJson(dryRun)));
            out.flush();
        } else {
            report.print(out, dryRun);
        }
        return ExitCodes.OK;
    }
}
