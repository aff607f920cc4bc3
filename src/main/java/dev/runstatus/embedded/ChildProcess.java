package dev.runstatus.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * A server in a child JVM, with its output in a log file and its pid in a file.
 *
 * <p>The JVM runs under a small {@code /bin/sh} script that stays its parent. The script starts it with
 * SIGINT and SIGHUP ignored (an ignored signal stays ignored across exec, and the JVM leaves it so), so a
 * Ctrl-C on the terminal reaches only the runstatus parent, which stops the servers in order. A SIGTERM
 * to the script is passed on to the server. A watcher reads the script's standard input, a pipe from
 * runstatus: end of file comes when runstatus exits in any way, SIGKILL included, and the watcher then
 * sends the server SIGTERM, so that no server outlives its runstatus. Every process is reaped by its own
 * parent. Works wherever there is a POSIX shell (Linux, macOS).
 */
final class ChildProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    /** Names the server and its data directory on the child's command line, so a pid file is never trusted blindly. */
    static final String MARKER_PROPERTY = "runstatus.embedded.server";
    private static final String SUPERVISOR = String.join("\n",
            "pidfile=$1; shift",
            "trap '' INT HUP",
            "exec 3<&0",
            "\"$@\" 3<&- &",
            "server=$!",
            "echo $server > \"$pidfile\"",
            "(read -r _ <&3; kill -TERM $server 2>/dev/null) &",
            "watcher=$!",
            "exec 3<&-",
            "trap 'kill -TERM $server 2>/dev/null' TERM",
            "wait $server; status=$?",
            "while kill -0 $server 2>/dev/null; do wait $server; status=$?; done",
            "kill $watcher 2>/dev/null; wait $watcher 2>/dev/null",
            "exit $status");
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final String description;
    private final Path pidFile;
    private final Path logFile;
    private final String marker;
    private Process tool;
    private Process supervisor;
    private long serverPid = -1;
    private long logOffsetAtStart;
    private boolean stopped;
    private boolean closed;

    ChildProcess(String name, String description, Path directory) {
        this.name = name;
        this.description = description;
        this.pidFile = directory.resolve(name + ".pid");
        this.logFile = directory.resolve(name + ".log");
        this.marker = "-D" + MARKER_PROPERTY + "=" + name + "@" + directory.toAbsolutePath();
    }

    /** This JVM's java with {@code arguments}; the classpath is this JVM's unless the arguments say otherwise. */
    static List<String> java(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        return command;
    }

    static String classpath() {
        return System.getProperty("java.class.path");
    }

    /** Starts the server, unless it has been closed (a close during start-up): then nothing starts. */
    synchronized void start(List<String> javaCommand) throws IOException, InterruptedException {
        if (closed) {
            throw new CancellationException("stopping; " + description + " was not started");
        }
        stopped = false;
        stopLeftover();
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SUPERVISOR, "runstatus-" + name, pidFile.toString()));
        command.add(javaCommand.get(0));
        command.add(marker);
        command.addAll(javaCommand.subList(1, javaCommand.size()));
        logOffsetAtStart = Files.exists(logFile) ? Files.size(logFile) : 0;
        Files.deleteIfExists(pidFile);
        supervisor = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        serverPid = awaitServerPid();
    }

    private long awaitServerPid() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            Optional<Long> pid = Files.exists(pidFile) ? parsePid(Files.readString(pidFile, StandardCharsets.UTF_8).trim())
                    : Optional.empty();
            if (pid.isPresent()) {
                return pid.get();
            }
            if (!supervisor.isAlive()) {
                throw new IOException(description + " could not be started; see " + logFile);
            }
            Thread.sleep(10);
        }
        throw new IOException(description + " was started but its pid never appeared in " + pidFile);
    }

    /** Runs a tool to completion, its output to the log; a stop meanwhile ends it. */
    void runTool(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process running;
        synchronized (this) {
            if (closed) {
                throw new CancellationException("stopping; " + description + " was not prepared");
            }
            running = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            tool = running;
        }
        if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            running.destroyForcibly();
            throw new IOException("timed out after " + timeout + ": " + command + " (see " + logFile + ")");
        }
        requireStarting();
        if (running.exitValue() != 0) {
            throw new IOException("exit code " + running.exitValue() + ": " + command + " (see " + logFile + ")");
        }
    }

    synchronized boolean alive() {
        return supervisor != null && supervisor.isAlive();
    }

    synchronized boolean stopped() {
        return stopped;
    }

    /** The server JVM's pid, once started. */
    synchronized Optional<Long> pid() {
        return serverPid < 0 ? Optional.empty() : Optional.of(serverPid);
    }

    Path logFile() {
        return logFile;
    }

    /** Whether the server has written {@code text} to its log since it was started. */
    boolean loggedSinceStart(String text) throws IOException {
        byte[] log = Files.readAllBytes(logFile);
        int from = (int) Math.min(logOffsetAtStart, log.length);
        return new String(log, from, log.length - from, StandardCharsets.UTF_8).contains(text);
    }

    /** While waiting for the server to be ready: fails if it exited, or was stopped during start-up. */
    synchronized void requireStarting() throws IOException {
        if (stopped()) {
            throw new CancellationException("stopping; " + description + " was stopped during start-up");
        }
        if (supervisor != null && !alive()) {
            throw new IOException(description + " exited during start-up; see " + logFile);
        }
    }

    /** Stops the server for good: it is not started again, and a start in progress is cut short. */
    void close(Duration grace) {
        synchronized (this) {
            closed = true;
        }
        stop(grace);
    }

    /** SIGTERM, then SIGKILL if it has not stopped within the grace period; a start in progress is cut short. */
    void stop(Duration grace) {
        Process running;
        long pid;
        synchronized (this) {
            stopped = true;
            running = supervisor;
            pid = serverPid;
            if (tool != null) {
                tool.destroyForcibly();
            }
        }
        if (running == null) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} (pid {}) did not stop within {}; killing it", description, pid, grace);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            running.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // the watcher has gone with its script
        }
        deletePidFile();
    }

    /** A server of this data directory left by a runstatus that was killed and has not stopped yet: stopped now. */
    private void stopLeftover() throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String recorded = Files.readString(pidFile, StandardCharsets.UTF_8).trim();
        Optional<ProcessHandle> leftover = parsePid(recorded).flatMap(ProcessHandle::of)
                .filter(handle -> handle.info().arguments().map(arguments -> List.of(arguments).contains(marker)).orElse(false));
        leftover.ifPresent(handle -> {
            LOG.warn("Stopping {} (pid {}) left running by an earlier runstatus on this data directory", description, handle.pid());
            handle.destroy();
            handle.onExit().orTimeout(LEFTOVER_GRACE.toSeconds(), TimeUnit.SECONDS).exceptionally(timeout -> {
                handle.destroyForcibly();
                return handle;
            }).join();
        });
        deletePidFile();
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return description + pid().map(pid -> " (pid " + pid + ")").orElse("");
    }
}
