package dev.runstatus.app;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.registry.RegistrySettings;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.registry.SchemaRegistry;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.RunStatusTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** Starts the pipeline and keeps it running until the JVM is asked to stop or Streams fails for good. */
public final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private PipelineRunner() {
    }

    /** Blocks until shutdown; returns the process exit code. */
    public static int run(RunStatusConfig config) throws InterruptedException {
        SchemaRegistry registry = SchemaRegistries.connect(registrySettings(config));
        Topology topology = RunStatusTopology.build(config.pipelineSettings(), SchemaCatalog.bundled(), registry);
        LOG.info("Topology:\n{}", topology.describe());
        KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties());
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("A stream thread failed; replacing it so processing resumes from the last commit", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((newState, oldState) -> {
            LOG.info("Pipeline state {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        Thread shutdown = new Thread(() -> {
            streams.close(CLOSE_TIMEOUT);
            stopped.countDown();
        }, "runstatus-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        streams.start();
        stopped.await();
        return streams.state() == KafkaStreams.State.ERROR ? 1 : 0;
    }

    static RegistrySettings registrySettings(RunStatusConfig config) {
        RegistrySettings defaults = RegistrySettings.defaults(URI.create(config.require(ConfigKeys.SCHEMA_REGISTRY_URL)));
        return new RegistrySettings(defaults.url(), config.get(ConfigKeys.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO),
                defaults.requestTimeout(), defaults.maxRetries(), defaults.initialBackoff(), defaults.maxBackoff());
    }
}
