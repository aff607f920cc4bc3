package dev.runstatus.it;

import dev.runstatus.Fixtures;
import dev.runstatus.app.Pipeline;
import dev.runstatus.cli.RunStatusCli;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.schema.Family;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README is tested: every runstatus command in its command blocks runs against the test broker and
 * registry, with only the addresses adapted and the files it names made from the fixtures, while a
 * pipeline runs. A command exits 0 unless its comment says when it exits 1; `run` commands are parsed
 * (every flag must exist) but not started, and one that follows (--follow) must still be following after
 * a few seconds. The README and the command line cannot drift apart.
 */
class ReadmeIT {

    private static final Path README = Path.of("README.md");

    @TempDir
    Path work;

    @Test
    void everyCommandInTheReadmeRunsAsDocumented() throws Exception {
        List<ReadmeCommands.Command> commands = ReadmeCommands.of(Files.readString(README));
        assertTrue(commands.size() >= 30, "the README's commands: " + commands.size());
        makeTheFilesTheReadmeNames();
        Map<String, String> settings = new HashMap<>();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, RealCluster.runtime().bootstrapServers());
        settings.put(ConfigKeys.SCHEMA_REGISTRY_URL, RealCluster.runtime().registryUrl().toString());
        settings.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, "true");
        settings.put(ConfigKeys.HTTP_HOST, "127.0.0.1");
        settings.put(ConfigKeys.HTTP_PORT, "0");
        RunStatusConfig config = RealCluster.config(settings);
        List<String> problems = new ArrayList<>();
        try (Pipeline pipeline = Pipeline.start(config)) {
            ReadmeCommands.Addresses addresses = new ReadmeCommands.Addresses(RealCluster.runtime().bootstrapServers(),
                    RealCluster.runtime().registryUrl().toString(), "http://127.0.0.1:" + pipeline.httpPort(), work);
            for (ReadmeCommands.Command command : commands) {
                List<String> args = command.adapted(addresses);
                String problem = run(command, args);
                if (problem != null) {
                    problems.add("README line " + command.line() + ": " + command.text() + "\n  ran: " + String.join(" ", args)
                            + "\n  " + problem);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private String run(ReadmeCommands.Command command, List<String> args) throws Exception {
        if (args.get(0).equals("run")) {
            try {
                RunStatusCli.commandLine().parseArgs(args.toArray(String[]::new));
                return null;
            } catch (RuntimeException e) {
                return "does not parse: " + e.getMessage();
            }
        }
        if (args.contains("--follow")) {
            try (JarProcess follower = JarProcess.start(work, "follow", args.toArray(String[]::new))) {
                Thread.sleep(5_000);
                return JarProcess.running(follower.pid()) ? null : "stopped following:\n" + follower.out() + follower.err();
            }
        }
        if (args.get(0).equals("reconcile")) {
            awaitCaughtUp(args);
        }
        Cli cli = Cli.run(args.toArray(String[]::new));
        return command.allowedExitCodes().contains(cli.exitCode()) ? null
                : "exit " + cli.exitCode() + ", documented " + command.allowedExitCodes() + "\n" + cli.out() + cli.err();
    }

    /** reconcile balances once the pipeline has caught up: wait for a lag of 0, as an operator would with status. */
    private static void awaitCaughtUp(List<String> reconcile) throws Exception {
        List<String> status = new ArrayList<>(List.of("status", "--format", "json"));
        status.addAll(reconcile.subList(reconcile.indexOf("--bootstrap-servers"), reconcile.indexOf("--bootstrap-servers") + 2));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Cli cli = Cli.run(status.toArray(String[]::new));
            if (cli.exitCode() == 0 && cli.out().contains("\"totalLag\":0")) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** The documents and schema directories the README's examples name, in the directory the commands run in. */
    private void makeTheFilesTheReadmeNames() throws Exception {
        Path runResults = Fixtures.directory(Family.RUN_RESULT);
        Path authSessions = Fixtures.directory(Family.AUTH_SESSION_RESULT);
        Files.copy(runResults.resolve("completed-reference.json"), work.resolve("result.json"));
        Files.copy(runResults.resolve("failed-full.json"), work.resolve("other.json"));
        Files.copy(runResults.resolve("pending.json"), work.resolve("result1.json"));
        Files.copy(runResults.resolve("started.json"), work.resolve("result2.json"));
        Files.copy(authSessions.resolve("done.json"), work.resolve("done.json"));
        Files.writeString(work.resolve("results.jsonl"), "run-a\t" + Files.readString(runResults.resolve("pending.json")).strip()
                .replace('\n', ' ') + "\nrun-b\t" + Files.readString(runResults.resolve("canceled.json")).strip().replace('\n', ' ') + "\n");
        Files.writeString(work.resolve("cancelled.json"), "{\"runId\":\"r-cancel\",\"status\":\"canceled\",\"message\":\"Canceled\","
                + "\"reason\":{\"type\":\"cancelled-user-action\",\"message\":\"The user canceled it\"}}");
        EvolvedSchemas.write(work.resolve("new"));
        EvolvedSchemas.write(work.resolve("path/to/new/schemas"));
    }
}
