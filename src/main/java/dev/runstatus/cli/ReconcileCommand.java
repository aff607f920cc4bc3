package dev.runstatus.cli;

import dev.runstatus.audit.ReconcileReport;
import dev.runstatus.audit.Reconciler;
import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.topology.InputRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Proves that every input record in a range is accounted for exactly once: on exactly one branch"
                + " topic or the dead-letter topic, with exactly as many extended-payload records as its document has.",
                "Reads committed records only; lists every missing, duplicated or orphaned record.",
                "Exit code 0 when the ledger balances, 1 when it does not, 2 on a usage or connection error."},
        footer = {"", "Examples:", "  runstatus reconcile --family run-result",
                "  runstatus reconcile --family auth-session-result --from-time 2026-11-01T00:00:00Z --format json",
                "  runstatus reconcile --family run-result --prefix audit-2026-11."})
final class ReconcileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    RangeOptions range;

    @Mixin
    OutputFormat output;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Check the output topics under this prefix (after replay --into).")
    String prefix;

    @Override
    public Integer call() throws PreflightException {
        RunStatusConfig config = connection.config();
        List<String> topics = new ArrayList<>(List.of(config.topics().name(range.input())));
        Topic.OUTPUTS.forEach(topic -> topics.add(outputs(config).name(topic)));
        Preflight.of(config).kafka().topics(topics);
        InputRange resolved = range.resolve(config);
        PrintWriter out = spec.commandLine().getOut();
        Reconciler reconciler = new Reconciler(ClientProperties.common(config), outputs(config));
        ListedLines problems = new ListedLines(output.json() ? null : out);
        if (!output.json()) {
            out.println("reconciling " + resolved + " (" + resolved.size() + " offsets)");
        }
        ReconcileReport report;
        try (Progress progress = Progress.of(spec.commandLine().getErr(), "reconcile", 0, reconciler::recordsRead)) {
            report = reconciler.reconcile(resolved, range.family, problems);
        }
        if (output.json()) {
            out.println(problems.into(report.toJson().put("range", resolved.toString())));
        } else {
            report.print(out);
        }
        out.flush();
        return report.balanced() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private TopicNames outputs(RunStatusConfig config) {
        return prefix == null ? config.topics() : config.with(config.topics().outputsUnder(prefix)).topics();
    }
}
