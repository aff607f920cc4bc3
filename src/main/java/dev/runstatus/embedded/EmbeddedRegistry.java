package dev.runstatus.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real schema registry speaking the Confluent REST API: Apicurio Registry's ready-made distribution
 * (unpacked by the build into {@code target/apicurio}), in a child JVM on 127.0.0.1. Apicurio keeps
 * schemas in memory; {@link RegistrySnapshot} carries them, with their ids, across restarts.
 */
public final class EmbeddedRegistry implements AutoCloseable {

    /** Where Apicurio serves Confluent's API. */
    public static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";
    /** Overrides where the unpacked Apicurio distribution is. */
    public static final String HOME_PROPERTY = "runstatus.registry.home";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path home;
    private final int port;
    private final ChildProcess process;

    public EmbeddedRegistry(Path home, Path dataDirectory, int port) {
        this.home = home;
        this.port = port;
        this.process = new ChildProcess("registry", "the schema registry", dataDirectory);
    }

    /** Apicurio's own admin API (export and import). */
    URI adminUrl() {
        return URI.create("http://127.0.0.1:" + port + "/apis/registry/v2/admin");
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + CONFLUENT_API_PATH);
    }

    public void start() throws IOException, InterruptedException {
        Path runner = runnerJar();
        process.start(ChildProcess.java(List.of("-Xmx256m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1",
                "-jar", runner.toString())));
        awaitReady();
    }

    public void stop() {
        process.stop(STOP_GRACE);
    }

    public Optional<Long> pid() {
        return process.pid();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** Stops the server for good, cutting a start in progress short. */
    @Override
    public void close() {
        process.close(STOP_GRACE);
    }

    /** The unpacked distribution: the {@value #HOME_PROPERTY} property, else apicurio/ beside the runstatus jar, else target/apicurio. */
    public static Path locateHome() {
        Optional<Path> configured = Optional.ofNullable(System.getProperty(HOME_PROPERTY)).map(Path::of);
        if (configured.isPresent()) {
            return configured.get();
        }
        try {
            Path codeSource = Path.of(EmbeddedRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path besideJar = codeSource.getParent().resolve("apicurio");
            if (Files.isDirectory(besideJar)) {
                return besideJar;
            }
        } catch (URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot tell where runstatus is installed", e);
        }
        return Path.of("target", "apicurio");
    }

    private Path runnerJar() throws IOException {
        if (!Files.isDirectory(home)) {
            throw new IOException("no Apicurio Registry at " + home + ": build with 'mvn package', which unpacks it there");
        }
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no Apicurio runner jar in " + home));
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects")).timeout(Duration.ofSeconds(2)).GET().build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            process.requireStarting();
            try {
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        stop();
        throw new IOException("the schema registry did not start within " + START_TIMEOUT + "; see " + process.logFile());
    }
}
