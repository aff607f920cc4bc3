package dev.runstatus.it;

import dev.runstatus.embedded.EmbeddedRuntime;
import dev.runstatus.embedded.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `runstatus run` on the embedded default, driven as a user drives it from a terminal: the real jar,
 * real signals by pid and to the process group, and no process left behind, ever.
 */
class EmbeddedRunIT {

    private static final Duration START = Duration.ofSeconds(150);
    private static final Duration AT_ONCE = Duration.ofSeconds(20);
    private static final Duration STOP = Duration.ofSeconds(10);
    /**
     * Under exactly-once, a store that was not closed cleanly is wiped and restored from its changelog,
     * and Kafka Streams says so for each task: expected after the SIGKILL, and nothing else is.
     */
    private static final Pattern RESTORED_AFTER_A_KILL = Pattern.compile("WARN .*(State store (run-result|auth-session-result)"
            + "-lifecycle did not find checkpoint offsets while stores are not empty|Failed to register startup state stores"
            + " for task \\d+_\\d+: Tasks \\[\\d+_\\d+] are corrupted)");

    @TempDir
    Path directory;
    /**
     * The data directory, under the project's target directory as a user's is under the working
     * directory; Kafka Streams warns about state under the system's temporary directory, which is
     * expected only when the project itself was cloned there.
     */
    private Path data;

    /** Kafka Streams' warning for state under the OS's temporary directory: right when a clone of the project is there. */
    private static final String STATE_IN_TEMPORARY_DIRECTORY = "WARN  [main] o.a.k.s.p.internals.StateDirectory - Using an OS temp"
            + " directory in the state.dir property";

    private boolean dataUnderTemporaryDirectory() {
        return data.toString().startsWith(System.getProperty("java.io.tmpdir"));
    }

    @BeforeEach
    void dataDirectory() throws IOException {
        data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "embedded-run-it")).toAbsolutePath(), "data-");
    }

    @AfterEach
    void deleteDataDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String[] run(Path data, int kafkaPort, int registryPort, int httpPort) {
        return new String[] {"run", "--data-dir", data.toString(), "--kafka-port", Integer.toString(kafkaPort),
                "--registry-port", Integer.toString(registryPort), "--http-port", Integer.toString(httpPort)};
    }

    @Test
    void oneOwnerPerDataDirectoryPortsCheckedFirstNoOrphanAfterAKillAndCtrlCStopsInOrder() throws Exception {
        int kafka = freePortWithNext();
        int registry = FreePorts.loopback();
        int http = FreePorts.loopback();
        List<String> firstSchemaIds;
        try (JarProcess first = JarProcess.start(directory, "first", run(data, kafka, registry, http))) {
            first.awaitLine("Press Ctrl-C", START);
            long broker = first.pidOn("Kafka broker");
            long registryServer = first.pidOn("schema registry");
            firstSchemaIds = schemaIds(first.out());
            assertEquals(10, firstSchemaIds.size(), first.out());
            assertInOrder(first.out(), "  routing          application.id runstatus, exactly_once_v2, commit every 50 ms\n",
                    "  lifecycle        application.id runstatus-lifecycle, exactly_once_v2, commit every 1000 ms\n",
                    "  metrics, health  http://127.0.0.1:" + http + "/metrics  /health/live  /health/ready\n",
                    "  query API        http://127.0.0.1:" + http + "/runs/{runId}  /runs?status=  /auth-sessions/{key}  /auth-sessions?status=\n");

            JarProcess second = JarProcess.runToEnd(directory, "second", AT_ONCE,
                    run(data, freePortWithNext(), FreePorts.loopback(), 0));
            assertEquals(2, second.exitCode());
            assertEquals("error: the data directory " + data + " is in use by another runstatus (pid " + first.pid()
                    + "); stop that one first, or give this one its own --data-dir and ports", second.err().strip());
            assertEquals("", second.out());
            assertTrue(JarProcess.running(broker) && JarProcess.running(registryServer), "the first instance's servers run on");
            assertEquals(200, Scrape.get(http, "/health/live").statusCode());

            String controller = "127.0.0.1:" + (kafka + 1);
            JarProcess askingTheController = JarProcess.runToEnd(directory, "controller", AT_ONCE, "status", "--bootstrap-server",
                    controller);
            assertEquals(2, askingTheController.exitCode());
            assertEquals("error: Kafka at " + controller + " answers, but not as a broker: it serves no metadata requests, as a KRaft"
                    + " controller listener does not; give a broker listener in bootstrap.servers", askingTheController.err().strip());

            Path other = directory.resolve("other");
            JarProcess samePorts = JarProcess.runToEnd(directory, "same-ports", AT_ONCE, run(other, kafka, registry, 0));
            assertEquals(2, samePorts.exitCode());
            assertEquals("error: port " + kafka + " on 127.0.0.1 is in use, and the Kafka broker needs it: stop what listens"
                    + " there, or choose another port with --kafka-port", samePorts.err().strip());
            assertFalse(Files.exists(other), "a run that could not start leaves no data directory");
            assertEquals(List.of(), JarProcess.runningWith("@" + other));

            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                JarProcess metricsTaken = JarProcess.runToEnd(directory, "metrics-taken", AT_ONCE,
                        run(other, freePortWithNext(), FreePorts.loopback(), taken.getLocalPort()));
                assertEquals(2, metricsTaken.exitCode());
                assertEquals("error: port " + taken.getLocalPort() + " on 127.0.0.1 is in use, and the metrics and health"
                        + " server needs it: stop what listens there, or choose another port with --http-port",
                        metricsTaken.err().strip());
            }

            first.signal("KILL");
            assertEquals(137, first.awaitExit(STOP));
            JarProcess.awaitGone(List.of(broker, registryServer), STOP);
        }

        Path typo = Files.writeString(directory.resolve("typo.properties"), "runstatus.stall.timeout=60000\n");
        String typoWarning = "unknown configuration key 'runstatus.stall.timeout' in " + typo;
        String[] runWithTypo = Stream.concat(Stream.of(run(data, kafka, registry, http)), Stream.of("--config", typo.toString()))
                .toArray(String[]::new);
        try (JarProcess again = JarProcess.start(directory, "again", runWithTypo)) {
            again.awaitLine("Press Ctrl-C", START);
            assertTrue(again.out().contains("topics           14 (all existed)"), again.out());
            assertEquals(firstSchemaIds, schemaIds(again.out()), "the registry kept every schema and its id");
            List<Long> pids = List.of(again.pid(), again.pidOn("Kafka broker"), again.pidOn("schema registry"));

            again.signalGroup("INT");
            assertEquals(130, again.awaitExit(STOP));
            String err = again.err();
            assertEquals(1, err.lines().filter(line -> line.contains(typoWarning)).count(), "the typo is warned about once: " + err);
            assertInOrder(err, "The lifecycle's Kafka Streams: PENDING_SHUTDOWN -> NOT_RUNNING",
                    "The routing's Kafka Streams: PENDING_SHUTDOWN -> NOT_RUNNING", "Saved the schema registry's export to "
                    + data.resolve(EmbeddedRuntime.SNAPSHOT_FILE), "Stopped the schema registry", "Stopped the Kafka broker");
            assertEquals(List.of(), err.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                    || line.startsWith("\tat ")).filter(line -> !RESTORED_AFTER_A_KILL.matcher(line).find())
                    .filter(line -> !line.contains(typoWarning))
                    .filter(line -> !(dataUnderTemporaryDirectory() && line.contains(STATE_IN_TEMPORARY_DIRECTORY))).toList(),
                    "a quiet start and stop, but for the restore of the lifecycle stores after the SIGKILL");
            JarProcess.awaitGone(pids, Duration.ofSeconds(1));
            assertEquals(List.of(), JarProcess.runningWith("@" + data));
        }
    }

    @Test
    void aSignalAtAnyMomentOfStartUpStopsWhatHasStarted() throws Exception {
        List<String> moments = List.of("", "Kafka broker listening", "Schema registry listening");
        List<String> problems = new ArrayList<>();
        for (String moment : moments) {
            String name = moment.isEmpty() ? "at-launch" : moment.replace(' ', '-');
            try (JarProcess run = JarProcess.start(directory, name,
                    run(data, freePortWithNext(), FreePorts.loopback(), 0))) {
                if (!moment.isEmpty()) {
                    run.awaitLine(moment, START);
                }
                run.signal("TERM");
                int exit = run.awaitExit(STOP);
                JarProcess.awaitGone(JarProcess.runningWith("@" + data), STOP);
                if (exit != 143 || run.err().contains("\tat ")) {
                    problems.add(name + ": exit " + exit + "\n" + run.err());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static List<String> schemaIds(String banner) {
        return banner.lines().filter(line -> line.trim().matches("(schema ids)?\\s*\\d+\\s+\\S+-value")).map(String::trim).toList();
    }

    private static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertTrue(at >= 0, "'" + part + "' after position " + from + " in:\n" + text);
            from = at + part.length();
        }
    }

    /** A loopback port free together with the next one, for a broker and its controller. */
    private static int freePortWithNext() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = FreePorts.loopback();
            try (ServerSocket next = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two consecutive free loopback ports");
    }
}
