package dev.runstatus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Java program in its own process, with its CPU time and peak RSS read from /proc. */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader output;

    private ChildJvm(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ChildJvm start(List<String> jvmOptions, String mainClass, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new ChildJvm(builder.start());
    }

    /** Reads standard output until a line equals {@code expected}; every line read is returned. */
    List<String> awaitLine(String expected, Duration timeout) throws IOException {
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        String line;
        while ((line = output.readLine()) != null) {
            lines.add(line);
            if (line.equals(expected)) {
                return lines;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        throw new IOException("no line '" + expected + "' from the child; it printed " + lines);
    }

    /** Every remaining line of standard output, once the process has ended. */
    List<String> remainingLines(Duration timeout) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = output.readLine()) != null) {
            lines.add(line);
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("the child did not end in " + timeout);
        }
        return lines;
    }

    /**
     * Asks the process to end (SIGTERM) and returns what it printed until it had. Through its handle:
     * {@link Process#destroy()} would also close the pipe that output is still to be read from.
     */
    List<String> stop(Duration timeout) throws IOException, InterruptedException {
        process.toHandle().destroy();
        return remainingLines(timeout);
    }

    /** User plus system CPU time so far, in seconds. */
    double cpuSeconds() throws IOException {
        return ProcStat.cpuSeconds(process.pid());
    }

    /** The largest resident set the process has had, in bytes (VmHWM). */
    long peakRssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmHWM for " + process.pid());
    }

    int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
