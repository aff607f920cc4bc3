package dev.runstatus.it;

import dev.runstatus.cli.RunStatusCli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** `runstatus run` in a JVM of its own, as an operator starts it, so that a test can kill it outright. */
final class ChildPipeline implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildPipeline(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildPipeline start(Map<String, String> settings, Path directory) throws IOException {
        Path config = Cli.propertiesFile(settings, directory.resolve("pipeline.properties"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), RunStatusCli.class.getName(),
                "run", "--config", config.toString());
        Path log = directory.resolve("pipeline.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ChildPipeline(process, log);
    }

    /** What the pipeline printed, for a failure message: a test's directory is gone once it ends. */
    String log() throws IOException {
        return Files.readString(log);
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
