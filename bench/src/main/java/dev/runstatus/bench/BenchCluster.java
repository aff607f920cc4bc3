package dev.runstatus.bench;

import dev.runstatus.config.TopicNames;
import dev.runstatus.embedded.EmbeddedRuntime;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** The embedded broker and registry the whole benchmark runs against, on free loopback ports. */
final class BenchCluster implements AutoCloseable {

    private final EmbeddedRuntime runtime;
    private final Admin admin;
    private final InputProgress progress;

    /** Under {@code work}, in a directory of its own that closing deletes: a full run writes up to about 15 GB there. */
    BenchCluster(Path work) throws IOException, InterruptedException, ExecutionException {
        runtime = EmbeddedRuntime.throwaway(work, EmbeddedRuntime.Ports.free(), TopicNames.defaults());
        runtime.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()));
        progress = new InputProgress(admin);
    }

    String bootstrapServers() {
        return runtime.bootstrapServers();
    }

    String registryUrl() {
        return runtime.registryUrl().toString();
    }

    void createTopics(Collection<String> names) throws ExecutionException, InterruptedException {
        admin.createTopics(names.stream().map(name -> new NewTopic(name, 1, (short) 1)).toList()).all().get();
    }

    void deleteTopics(Collection<String> names) throws ExecutionException, InterruptedException {
        admin.deleteTopics(names).all().get();
    }

    /** How far a consumer group has read, asked with this cluster's admin client. */
    InputProgress progress() {
        return progress;
    }

    @Override
    public void close() {
        admin.close();
        runtime.close();
    }
}
