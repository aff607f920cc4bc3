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
                        + " interrupted resumes where it stopped when the same command runs again."})
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

    @Option(names = "--timeout", defaultValue = "PT1H", paramLabel = "DURATION",
            description = "Give up after this long (ISO-8601, default ${DEFAULT-VALUE}); running again resumes.")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        RunStatusConfig config = connection.config();
        Preflight.of(config).kafka().topics(List.of(config.topics().name(range.input())));
        ReplayReport report = new Replayer(config).replay(range.input(), range.resolve(config), Optional.ofNullable(into), dryRun,
                timeout);
        report.print(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
