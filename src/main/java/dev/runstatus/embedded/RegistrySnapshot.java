package dev.runstatus.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the embedded registry's schemas across restarts. Apicurio holds them in memory; this saves its
 * export (a zip that keeps every id) to the data directory every few seconds and at a clean stop, and
 * imports it into the empty registry at the next start. Without it a schema registered by hand (a new
 * version) would be forgotten and its id could later name another schema. A runstatus killed outright
 * loses at most the last {@link #EVERY} of registrations.
 */
final class RegistrySnapshot implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(RegistrySnapshot.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI admin;
    private final Path file;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScheduledExecutorService saver;

    RegistrySnapshot(URI admin, Path file) {
        this.admin = admin;
        this.file = file;
    }

    /** Imports the last saved snapshot, if any, into the registry, which must be empty. */
    boolean restore() throws IOException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(admin + "/import")).timeout(TIMEOUT)
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the schema registry refused the snapshot " + file + ": " + response.statusCode() + " "
                    + response.body());
        }
        return true;
    }

    /** Saves the registry's export if it changed; written beside and moved into place, so a crash never leaves half a file. */
    void save() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(admin + "/export")).timeout(TIMEOUT)
                .header("Accept", "application/zip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("the schema registry's export answered " + response.statusCode());
        }
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), response.body())) {
            return;
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, response.body());
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void saveEvery(Duration interval) {
        saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "registry-snapshot");
            thread.setDaemon(true);
            return thread;
        });
        saver.scheduleWithFixedDelay(this::saveQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void saveQuietly() {
        try {
            save();
        } catch (IOException e) {
            LOG.warn("Could not save the schema registry snapshot to {}: {}", file, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the periodic saving and saves once more. */
    @Override
    public void close() {
        if (saver != null) {
            saver.shutdownNow();
        }
        saveQuietly();
    }
}
