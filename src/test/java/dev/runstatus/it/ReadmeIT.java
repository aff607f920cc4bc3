package dev.runstatus.it;

import dev.runstatus.Fixtures;
import dev.runstatus.app.Pipeline;
import dev.runstatus.cli.RunStatusCli;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documentation is tested: every runstatus command in the command blocks of the README and of the
 * pages under docs/ runs against the test broker and
 * registry, with only the addresses adapted and the files it names made from the fixtures, while a
 * pipeline runs. A command exits 0 unless its comment says when it exits otherwise ("exit 2 while ..."); `run` commands are parsed
 * (every flag must exist) but not started, and one that follows (--follow) must show a record that
 * arrives after it started. The README and the command line cannot drift apart.
 */
class ReadmeIT {

    /** The README and every page under docs/: the documentation a user copies commands from. */
    private static List<Path> documentation() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @TempDir
    Path work;

    @Test
    void everyCommandInTheReadmeRunsAsDocumented() throws Exception {
        Map<ReadmeCommands.Command, Path> commands = new LinkedHashMap<>();
        for (Path page : documentation()) {
            ReadmeCommands.of(Files.readString(page)).forEach(command -> commands.put(command, page));
        }
        assertTrue(commands.size() >= 30, "the documentation's commands: " + commands.size());
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
            for (Map.Entry<ReadmeCommands.Command, Path> command : commands.entrySet()) {
                List<String> args = command.getKey().adapted(addresses);
                String problem = run(command.getKey(), args);
                if (problem != null) {
                    problems.add(command.getValue() + " line " + command.getKey().line() + ": " + command.getKey().text()
                            + "\n  ran: " + String.join(" ", args) + "\n  " + problem);
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
                return awaitFollowed(follower);
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

    /**
     * A follower shows what arrives after it started: a document the pipeline dead-letters, sent until one
     * shows (the follower may not have joined its topic when the first is sent). Null when one did.
     */
    private static String awaitFollowed(JarProcess follower) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        for (int sent = 0; Instant.now().isBefore(deadline); sent++) {
            Inputs.send(RealCluster.runtime().bootstrapServers(), List.of(new ProducerRecord<>("run-results.raw",
                    ("followed-" + sent).getBytes(StandardCharsets.UTF_8), "{\"status\":\"followed\"}".getBytes(StandardCharsets.UTF_8))));
            Instant next = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(next)) {
                if (follower.out().contains("\"key\":\"followed-")) {
                    return JarProcess.running(follower.pid()) ? null : "stopped following:\n" + follower.out() + follower.err();
                }
                Thread.sleep(100);
            }
        }
        return "showed no record that arrived after it started:\n" + follower.out() + follower.err();
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
