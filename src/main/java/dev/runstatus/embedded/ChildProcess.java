package dev.runstatus.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server in a child JVM with its output in a log file and its pid in a file, so that a child left
 * behind by a runstatus that was killed outright is stopped at the next start instead of lingering.
 */
final class ChildProcess {

    private final String name;
    private final Path pidFile;
    private final Path logFile;
    private Process process;

    ChildProcess(String name, Path directory) {
        this.name = name;
        this.pidFile = directory.resolve(name + ".pid");
        this.logFile = directory.resolve(name + ".log");
    }

    /** The java command that runs this JVM, with this JVM's classpath unless the arguments say otherwise. */
    static List<String> java(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        return command;
    }

    static String classpath() {
        return System.getProperty("java.class.path");
    }

    void start(List<String> command) throws IOException {
        stopLeftover();
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
    }

    /** Runs a command to completion; its output goes to the log. */
    static void runToCompletion(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
        Process tool = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!tool.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            tool.destroyForcibly();
            throw new IOException("timed out after " + timeout + ": " + command + " (see " + log + ")");
        }
        if (tool.exitValue() != 0) {
            throw new IOException("exit code " + tool.exitValue() + ": " + command + " (see " + log + ")");
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** SIGTERM, then SIGKILL if it has not stopped within the grace period. */
    void stop(Duration grace) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deletePidFile();
    }

    private void stopLeftover() throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
                .filter(handle -> handle.info().command().map(command -> command.endsWith("java")).orElse(false));
        leftover.ifPresent(handle -> {
            handle.destroy();
            handle.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(timeout -> {
                handle.destroyForcibly();
                return handle;
            }).join();
        });
        deletePidFile();
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
        return name + (process == null ? "" : " (pid " + process.pid() + ")");
    }
}
