package dev.runstatus.app;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.registry.RegistrySettings;
import dev.runstatus.registry.SchemaRegistries;
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

/**
 * The running pipeline: Kafka Streams over the runstatus topology. A failed stream thread is replaced,
 * so processing resumes from the last commit (a registry outage, a failed dead-letter write).
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Pipeline(KafkaStreams streams) {
        this.streams = streams;
    }

    public static Pipeline start(RunStatusConfig config) {
        Topology topology = RunStatusTopology.build(config.pipelineSettings(), SchemaCatalog.bundled(),
                SchemaRegistries.connect(registrySettings(config)));
        LOG.debug("Topology:\n{}", topology.describe());
        Pipeline pipeline = new Pipeline(new KafkaStreams(topology, config.streamsProperties()));
        pipeline.streams.setUncaughtExceptionHandler(exception -> {
            LOG.warn("A stream thread failed; replacing it so processing resumes from the last commit: {}", exception.toString());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        pipeline.streams.setStateListener((newState, oldState) -> {
            LOG.info("Pipeline state {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                pipeline.stopped.countDown();
            }
        });
        pipeline.streams.start();
        return pipeline;
    }

    public static RegistrySettings registrySettings(RunStatusConfig config) {
        return RegistrySettings.defaults(URI.create(config.require(ConfigKeys.SCHEMA_REGISTRY_URL)))
                .withBasicAuth(config.get(ConfigKeys.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO));
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Blocks until Streams stops for good; true if it stopped in error. */
    public boolean awaitStop() throws InterruptedException {
        stopped.await();
        return streams.state() == KafkaStreams.State.ERROR;
    }

    @Override
    public void close() {
        streams.close(CLOSE_TIMEOUT);
        stopped.countDown();
    }
}
