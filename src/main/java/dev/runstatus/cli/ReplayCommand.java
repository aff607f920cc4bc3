package dev.runstatus.cli;

import dev.runstatus.audit.ReplayReport;
import dev.runstatus.audit.Replayer;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.preflight.Preflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Reprocesses a range of an input topic with the pipeline, and stops at the range's end.",
                "Into the normal outputs, into outputs under a prefix (--into), or nowhere (--dry-run: counts only).",
                "Replaying the same range gives byte-identical values and provenance headers. A replay that is"
                        + " interrupted resumes where it stopped when the same command runs again; one that finished leaves no"
                        + " consumer group, so running it again replays the range again."},
        footer = {"", "Examples:", "  runstatus replay --family run-result --to-offsets 0:100,1:100,2:100 --dry-run",
                "  runstatus replay --family run-result --from-time 2026-11-01T00:00:00Z --into audit-2026-11. --format json"})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    RangeOptions range;

    @Option(names = "--into", paramLabel = "PREFIX", description = "Write to the output topics with this prefix (created if missing).")
    String into;

    @Option(names = "--dry-run", description = "Write nothing; report the counts per output topic and per dead-letter reason.")
    boolean dryRun;

    @Option(names = "--timeout", defaultValue = "1h", paramLabel = "DURATION",
            description = "Give up after this long (90s, 15m, 1h or ISO-8601; default ${DEFAULT-VALUE}); running again resumes.")
    Duration timeout;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() throws Exception {
        RunStatusConfig config = connection.config();
        Preflight.of(config).kafka().topics(List.of(config.topics().name(range.input())));
        Replayer replayer = new Replayer(config);
        ReplayReport report;
        try (Progress progress = Progress.of(spec.commandLine().getErr(), "replay", 0, replayer::recordsIn)) {
            report = replayer.replay(range.input(), range.resolve(config), Optional.ofNullable(into), dryRun, timeout);
        }
        if (output.json()) {
            spec.commandLine().getOut().println(report.toJson());
            spec.commandLine().getOut().flush();
        } else {
            report.print(spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
