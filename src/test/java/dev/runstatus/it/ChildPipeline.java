package dev.runstatus.it;

import dev.runstatus.cli.RunStatusCli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** `runstatus run` in a JVM of its own, as an operator starts it, so that a test can kill it outright. */
final class ChildPipeline implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildPipeline(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildPipeline start(Map<String, String> settings, Path directory) throws IOException {
        return start(settings, directory, List.of());
    }

    /** {@code classpath}: directories or jars put on the classpath besides the test's own, as a user adds a family. */
    static ChildPipeline start(Map<String, String> settings, Path directory, List<Path> classpath) throws IOException {
        Path config = Cli.propertiesFile(settings, directory.resolve("pipeline.properties"));
        Path log = directory.resolve("pipeline.log");
        Process process = new ProcessBuilder(command(classpath, "run", "--config", config.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ChildPipeline(process, log);
    }

    /** A runstatus command in a JVM of its own with the test's classpath and {@code classpath} after it. */
    static List<String> command(List<Path> classpath, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", Stream.concat(Stream.of(System.getProperty("java.class.path")), classpath.stream().map(Path::toString))
                        .collect(Collectors.joining(File.pathSeparator)),
                RunStatusCli.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** What the pipeline printed, for a failure message: a test's directory is gone once it ends. */
    String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits until {@code /health/ready} on {@code port} answers 200; fails if the pipeline exits first or the time runs out. */
    void awaitReady(int port, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the pipeline exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (Scrape.get(port, "/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the HTTP server starts after the preflight checks
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready within " + timeout + ":\n" + log());
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no commit, no transaction abort. */
    void crash() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
