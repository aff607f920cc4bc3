package dev.runstatus.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The runstatus command line: one jar, one subcommand per job. */
@Command(name = "runstatus", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Validates automation-platform run results against Avro schemas and routes them by status.",
        subcommands = {RunCommand.class, ValidateCommand.class, ProduceCommand.class, TailCommand.class,
                SchemasCommand.class, TopicsCommand.class, ReplayCommand.class, ReconcileCommand.class,
                RedriveCommand.class, CommandLine.HelpCommand.class})
public final class RunStatusCli {

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "ERROR, WARN, INFO (default) or DEBUG, for runstatus and Kafka together (the key runstatus.log.level).")
    void logLevel(String level) {
        LogLevels.fromOption(level);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new RunStatusCli())
                .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
                    commandLine.getErr().println("error: " + exception.getMessage());
                    return ExitCodes.USAGE_OR_IO;
                })
                .setExitCodeExceptionMapper(exception -> ExitCodes.USAGE_OR_IO);
    }
}
