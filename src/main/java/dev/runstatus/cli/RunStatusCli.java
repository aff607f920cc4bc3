package dev.runstatus.cli;

import org.apache.commons.text.similarity.LevenshteinDistance;
import picocli.AutoComplete;
import dev.runstatus.failure.FailureCause;
import dev.runstatus.schema.Family;
import org.apache.kafka.common.errors.AuthorizationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/** The runstatus command line: one jar, one subcommand per job. */
@Command(name = "runstatus", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Validates automation-platform run results against Avro schemas and routes them by status.",
        subcommands = {RunCommand.class, StatusCommand.class, ValidateCommand.class, ProduceCommand.class, TailCommand.class,
                SchemasCommand.class, TopicsCommand.class, ReplayCommand.class, ReconcileCommand.class, RunStatusCommand.class,
                RedriveCommand.class, ResetCommand.class, AclsCommand.class, CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 success, 1 the check found a problem (validate, reconcile, schemas check, topics describe,"
                + " run-status: no such run), 2 usage or connection error, 3 run stopped on a permanent failure.",
                "Shell completion: source <(java -jar runstatus.jar generate-completion)"})
public final class RunStatusCli {

    private static final LevenshteinDistance EDITS = LevenshteinDistance.getDefaultInstance();

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "ERROR, WARN, INFO (default) or DEBUG, for runstatus and Kafka together (the key runstatus.log.level).")
    void logLevel(String level) {
        LogLevels.fromOption(level);
    }

    public static void main(String[] args) {
        try {
            Family.values();
        } catch (ExceptionInInitializerError brokenTable) {
            System.err.println("error: " + brokenTable.getCause().getMessage());
            System.exit(ExitCodes.USAGE_OR_IO);
        }
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RunStatusCli())
                .setExecutionExceptionHandler((exception, command, parseResult) -> {
                    command.getErr().println("error: " + describe(exception));
                    command.getErr().flush();
                    return ExitCodes.USAGE_OR_IO;
                })
                .setParameterExceptionHandler((exception, args) -> {
                    CommandLine command = exception.getCommandLine();
                    Optional<String> unknown = exception instanceof CommandLine.MissingParameterException
                            ? unknownOption(command, args) : Optional.empty();
                    command.getErr().println("error: " + unknown.orElse(exception.getMessage()));
                    if (unknown.isEmpty()) {
                        suggest(exception, command.getErr());
                    }
                    command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options and"
                            + " examples.");
                    command.getErr().flush();
                    return ExitCodes.USAGE_OR_IO;
                })
                .setExitCodeExceptionMapper(exception -> ExitCodes.USAGE_OR_IO);
        Converters.register(commandLine);
        giveEveryCommandTheVersion(commandLine);
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        return commandLine;
    }

    /**
     * Picocli's suggestions compare letter pairs, which misses a transposition such as {@code lsit}; when it
     * has none for a subcommand, the nearest by edit distance is offered instead.
     */
    private static void suggest(CommandLine.ParameterException exception, PrintWriter err) {
        if (!(exception instanceof CommandLine.UnmatchedArgumentException unmatched) || !unmatched.getSuggestions().isEmpty()
                || unmatched.getUnmatched().isEmpty()) {
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
            return;
        }
        String typed = unmatched.getUnmatched().get(0);
        unmatched.getCommandLine().getSubcommands().keySet().stream()
                .filter(name -> !typed.startsWith("-") && EDITS.apply(typed, name) <= 2)
                .min(Comparator.comparing((String name) -> EDITS.apply(typed, name)).thenComparing(name -> name))
                .ifPresent(name -> err.println("Did you mean: " + unmatched.getCommandLine().getCommandSpec().qualifiedName() + " "
                        + name + "?"));
    }

    /**
     * Picocli names a missing required option before an unknown one, so {@code --roel lifecycle} would read as
     * "--role is missing" without naming the typo: name the first unknown option instead, with the nearest known one.
     */
    private static Optional<String> unknownOption(CommandLine command, String[] args) {
        Set<String> known = command.getCommandSpec().optionsMap().keySet();
        return Arrays.stream(args).filter(arg -> arg.startsWith("--")).map(arg -> arg.split("=", 2)[0])
                .filter(option -> !known.contains(option) && !option.equals("--")).findFirst()
                .map(option -> "Unknown option: '" + option + "'" + known.stream().filter(name -> name.startsWith("--")
                        && EDITS.apply(option, name) <= 2).min(Comparator.comparing((String name) -> EDITS.apply(option, name))
                        .thenComparing(name -> name)).map(name -> " (did you mean '" + name + "'?)").orElse(""));
    }

    private static void giveEveryCommandTheVersion(CommandLine command) {
        command.getCommandSpec().versionProvider(new VersionProvider());
        command.getSubcommands().values().forEach(RunStatusCli::giveEveryCommandTheVersion);
    }

    /** One line that says what went wrong, in the operator's words rather than the JDK's. */
    static String describe(Throwable exception) {
        Throwable cause = exception instanceof UncheckedIOException && exception.getCause() != null ? exception.getCause() : exception;
        if (cause instanceof NoSuchFileException missing) {
            return "cannot read " + missing.getFile() + ": no such file";
        }
        if (cause instanceof AccessDeniedException denied) {
            return "cannot read " + denied.getFile() + ": permission denied";
        }
        if (cause instanceof FileSystemException other && other.getFile() != null) {
            String reason = String.valueOf(other.getReason());
            return "cannot read " + other.getFile() + ": " + (reason.equals("Is a directory") ? "it is a directory" : reason);
        }
        Optional<AuthorizationException> refusal = FailureCause.find(cause, AuthorizationException.class);
        if (refusal.isPresent()) {
            return "not authorized: " + String.valueOf(refusal.get().getMessage()).replaceFirst("\\.$", "")
                    + "; runstatus acls --role operator prints every binding the commands need";
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
