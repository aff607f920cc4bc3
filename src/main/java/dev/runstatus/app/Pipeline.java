package dev.runstatus.app;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.metrics.ObservabilityServer;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.metrics.StreamsHealth;
import dev.runstatus.registry.RegistrySettings;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.DeadLetterProcessingHandler;
import dev.runstatus.topology.DeadLetterProductionHandler;
import dev.runstatus.topology.RunStatusTopology;
import dev.runstatus.topology.TopologyOptions;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The running pipeline: Kafka Streams over the runstatus topology, with its metrics and health served
 * over HTTP. A failed stream thread is replaced, so processing resumes from the last commit (a registry
 * outage, a failed dead-letter write).
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final PrometheusMeterRegistry registry;
    private final PipelineMetrics metrics;
    private final KafkaStreamsMetrics streamsMetrics;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ObservabilityServer server;

    private Pipeline(KafkaStreams streams, PrometheusMeterRegistry registry, PipelineMetrics metrics) {
        this.streams = streams;
        this.registry = registry;
        this.metrics = metrics;
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
    }

    public static Pipeline start(RunStatusConfig config) {
        return start(config, TopologyOptions.pipeline());
    }

    public static Pipeline start(RunStatusConfig config, TopologyOptions options) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PipelineMetrics metrics = new PipelineMetrics(registry, config.topics());
        Topology topology = RunStatusTopology.build(config.pipelineSettings(), schemaCatalog(config),
                SchemaRegistries.connect(registrySettings(config)), metrics, options);
        LOG.debug("Topology:\n{}", topology.describe());
        Pipeline pipeline = new Pipeline(new KafkaStreams(topology, streamsProperties(config, metrics, options)), registry, metrics);
        pipeline.bindMeters();
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
        try {
            pipeline.server = ObservabilityServer.start(config.httpAddress(), registry, pipeline.streams::state);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        LOG.info("Metrics on http://{}:{}{}, health on {} and {}", config.httpAddress().getHostString(),
                pipeline.server.port(), ObservabilityServer.METRICS_PATH, ObservabilityServer.LIVE_PATH,
                ObservabilityServer.READY_PATH);
        pipeline.streams.start();
        return pipeline;
    }

    private void bindMeters() {
        streamsMetrics.bindTo(registry);
        StreamsHealth.bindStateGauges(registry, streams::state);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public static RegistrySettings registrySettings(RunStatusConfig config) {
        return RegistrySettings.defaults(URI.create(config.require(ConfigKeys.SCHEMA_REGISTRY_URL)))
                .withBasicAuth(config.get(ConfigKeys.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO));
    }

    /**
     * What Kafka Streams gets: the dead-letter exception handlers unless configured otherwise, the
     * configuration, the meters for the handlers, and whether outputs are written.
     */
    public static Properties streamsProperties(RunStatusConfig config, PipelineMetrics metrics, TopologyOptions options) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        properties.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        properties.putAll(config.streamsProperties());
        // Kafka Streams 4.3's partition assignor reads its settings again from the main consumer's, which lack
        // this key, and warns that the handler is off for the global thread: hand the consumer the same value.
        properties.putIfAbsent(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                properties.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG));
        properties.put(ConfigKeys.DISCARD_OUTPUTS, String.valueOf(!options.writeOutputs()));
        return metrics.attachTo(properties);
    }

    /** The schemas to validate and encode with: a configured directory (an upgrade), else the bundled ones. */
    public static SchemaCatalog schemaCatalog(RunStatusConfig config) {
        return config.get(ConfigKeys.SCHEMAS_DIR).map(Path::of).map(SchemaCatalog::load).orElseGet(SchemaCatalog::bundled);
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The port of the metrics and health endpoints (useful when configured as 0). */
    public int httpPort() {
        return server.port();
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
        if (server != null) {
            server.close();
        }
        streamsMetrics.close();
        gcMetrics.close();
        registry.close();
    }
}
