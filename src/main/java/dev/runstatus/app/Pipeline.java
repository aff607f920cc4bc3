package dev.runstatus.app;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.lifecycle.BoundedStoreMemory;
import dev.runstatus.lifecycle.LifecycleConfig;
import dev.runstatus.lifecycle.LifecycleTracking;
import dev.runstatus.metrics.LifecycleMetrics;
import dev.runstatus.metrics.FailureMeters;
import dev.runstatus.metrics.Health;
import dev.runstatus.metrics.ObservabilityServer;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.query.RunQueries;
import dev.runstatus.query.RunQueryHandler;
import dev.runstatus.query.StreamsRunStores;
import dev.runstatus.registry.SchemaIds;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.topology.DeadLetterProcessingHandler;
import dev.runstatus.topology.DeadLetterProductionHandler;
import dev.runstatus.topology.RunStatusTopology;
import dev.runstatus.topology.TopologyOptions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The running pipeline: Kafka Streams over the runstatus topology, its meters and health served over
 * HTTP, and the checks that keep the health answers true (progress, topics, the registry). A transient
 * failure replaces the stream thread; a permanent one stops the pipeline ({@link FailurePolicy}).
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Leaving the group hands this instance's partitions to the others at once, not after the session timeout. */
    private static final CloseOptions CLOSE = CloseOptions.timeout(CLOSE_TIMEOUT)
            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);

    private final KafkaStreams streams;
    private final PipelineMetrics metrics;
    private final StandardMeters meters;
    private final Health health;
    private final FailurePolicy failures;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final SchemaIds schemaIds;
    private HealthChecks checks;
    private ObservabilityServer server;

    private Pipeline(KafkaStreams streams, PipelineMetrics metrics, StandardMeters meters, Health health, FailurePolicy failures,
                     SchemaIds schemaIds) {
        this.schemaIds = schemaIds;
        this.streams = streams;
        this.metrics = metrics;
        this.meters = meters;
        this.health = health;
        this.failures = failures;
    }

    /** Checks what the pipeline needs (nothing is consumed if a check fails), then starts it. */
    public static Pipeline start(RunStatusConfig config) throws PreflightException {
        return start(config, TopologyOptions.pipeline());
    }

    public static Pipeline start(RunStatusConfig config, TopologyOptions options) throws PreflightException {
        return start(config, options, Preflight.of(config).pipeline(options));
    }

    /**
     * Starts the pipeline with the output subjects' schema ids resolved already: the HTTP port first (a
     * port in use fails here, before anything is consumed), then Kafka Streams and its checks.
     */
    public static Pipeline start(RunStatusConfig config, TopologyOptions options, SchemaIds ids) {
        PrometheusMeterRegistry registry = StandardMeters.newRegistry(config.topics());
        PipelineMetrics metrics = new PipelineMetrics(registry, config.topics());
        Optional<LifecycleTracking> lifecycle = LifecycleConfig.of(config).map(settings -> new LifecycleTracking(settings,
                SchemaRegistries.connect(config.registrySettings()), new LifecycleMetrics(registry)));
        Topology topology = RunStatusTopology.build(config.pipelineSettings(), config.schemaCatalog(), ids, metrics, options,
                lifecycle);
        LOG.debug("Topology:\n{}", topology.describe());
        InputAssignment assignment = new InputAssignment(options.inputs().stream().map(config.topics()::name)
                .collect(Collectors.toSet()));
        Properties properties = assignment.attachTo(streamsProperties(config, metrics, options));
        KafkaStreams streams = new KafkaStreams(topology, properties);
        Optional<HostInfo> self = Optional.ofNullable(properties.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG))
                .filter(address -> !address.isBlank()).map(HostInfo::buildFromEndpoint);
        Clock clock = Clock.systemUTC();
        Health health = new Health(streams::state, clock);
        FailureMeters failureMeters = new FailureMeters(registry, health::notReady, FailureCause.ids());
        FailurePolicy failures = new FailurePolicy(new ThreadReplacements(config.intValue(ConfigKeys.THREAD_REPLACEMENTS_MAX),
                config.millis(ConfigKeys.THREAD_REPLACEMENTS_WINDOW_MS), clock), failureMeters, health);
        Pipeline pipeline = new Pipeline(streams, metrics, new StandardMeters(registry, streams), health, failures, ids);
        streams.setUncaughtExceptionHandler(failures);
        streams.setStateListener((newState, oldState) -> {
            LOG.info("Pipeline state {} -> {}", oldState, newState);
            health.stateChanged();
            if (newState == KafkaStreams.State.RUNNING) {
                assignment.take(streams);
            }
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                pipeline.stopped.countDown();
            }
        });
        try {
            pipeline.server = ObservabilityServer.start(config.httpAddress(), registry, health,
                    RunQueryHandler.routes(new RunQueries(new StreamsRunStores(streams, self),
                            lifecycle.isPresent() && options.tracksLifecycle())));
            pipeline.checks = new HealthChecks(config, options, streams, health, failureMeters, pipeline::stopOnPermanentFailure,
                    assignment);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        LOG.info("Metrics on http://{}:{}{}, health on {} and {}", config.httpAddress().getHostString(),
                pipeline.server.port(), ObservabilityServer.METRICS_PATH, ObservabilityServer.LIVE_PATH,
                ObservabilityServer.READY_PATH);
        streams.start();
        return pipeline;
    }

    /** A check found a failure that no retry heals: stop Kafka Streams (from the checks' thread, never a stream thread). */
    private void stopOnPermanentFailure(FailureCause cause, String detail) {
        failures.failPermanently(cause, detail);
        checks.stop();
        streams.close(CLOSE);
        stopped.countDown();
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
        properties.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, StateDirectories.defaultFor(config).toString());
        properties.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedStoreMemory.class.getName());
        AdvertisedAddress.defaultFor(config).ifPresent(address -> properties.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, address));
        // Kafka Streams 4.3's partition assignor reads its settings again from the main consumer's, which lack
        // this key, and warns that the handler is off for the global thread: hand the consumer the same value.
        properties.putIfAbsent(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                properties.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG));
        properties.put(ConfigKeys.DISCARD_OUTPUTS, String.valueOf(!options.writeOutputs()));
        return metrics.attachTo(properties);
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public Health health() {
        return health;
    }

    /** The schema ids the pipeline writes with. */
    public SchemaIds schemaIds() {
        return schemaIds;
    }

    /** The port of the metrics and health endpoints (useful when configured as 0). */
    public int httpPort() {
        return server.port();
    }

    /** Blocks until Kafka Streams stops for good; the permanent failure that stopped it, if one did. */
    public Optional<Health.Condition> awaitStop() throws InterruptedException {
        stopped.await();
        return health.failure().or(() -> health.notReady().filter(down -> down.reason() == Health.Reason.FAILED));
    }

    @Override
    public void close() {
        if (checks != null) {
            checks.close();
        }
        streams.close(CLOSE);
        stopped.countDown();
        if (server != null) {
            server.close();
        }
        meters.close();
    }
}
