package dev.runstatus.app;

import com.sun.net.httpserver.HttpHandler;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.Role;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.lifecycle.LifecycleConfig;
import dev.runstatus.lifecycle.LifecycleFaults;
import dev.runstatus.lifecycle.LifecycleTopology;
import dev.runstatus.metrics.Health;
import dev.runstatus.metrics.InstanceHealth;
import dev.runstatus.metrics.LifecycleMetrics;
import dev.runstatus.metrics.ObservabilityServer;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.preflight.Preflight;
import dev.runstatus.preflight.PreflightException;
import dev.runstatus.lifecycle.Lifecycle;
import dev.runstatus.query.Peers;
import dev.runstatus.query.QueryPools;
import dev.runstatus.query.RunQueries;
import dev.runstatus.query.RunQueryHandler;
import dev.runstatus.query.RunStores;
import dev.runstatus.query.StreamsRunStores;
import dev.runstatus.registry.SchemaIds;
import dev.runstatus.topology.OutputSchemas;
import dev.runstatus.topology.RunStatusTopology;
import dev.runstatus.topology.TopologyOptions;
import dev.runstatus.topology.TopologyTopics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The running instance: the roles it runs (the routing, the lifecycle, or both), each a Kafka Streams
 * application of its own, and the one HTTP port that serves their meters, their health and the query
 * API. When either role stops for good, the instance stops: {@link #awaitStop} says which and why.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** How long closing each role's Kafka Streams may take (commit, leave the group). */
    public static final Duration CLOSE_TIMEOUT = RoleApplication.CLOSE_TIMEOUT;

    /** Why a role stopped for good. */
    public record Failure(Role role, Health.Condition condition) {
    }

    private final PipelineMetrics metrics;
    private final StandardMeters meters;
    private final List<RoleApplication> roles = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, Integer> schemaIds = new LinkedHashMap<>();
    private ObservabilityServer server;
    private Peers peers;
    private QueryPools pools;

    private Pipeline(PipelineMetrics metrics, StandardMeters meters) {
        this.metrics = metrics;
        this.meters = meters;
    }

    /** Checks what the configured roles need (nothing is consumed if a check fails), then starts them. */
    public static Pipeline start(RunStatusConfig config) throws PreflightException {
        return start(config, TopologyOptions.pipeline());
    }

    /**
     * The routing with these options and, when the options are the running pipeline's, the lifecycle as
     * the configuration says; a replay runs the routing alone.
     */
    public static Pipeline start(RunStatusConfig config, TopologyOptions options) throws PreflightException {
        Role role = options.tracksLifecycle() ? config.role() : Role.ROUTING;
        Preflight.Start start = Preflight.of(config).start(role, options);
        return start(config, options, start.routing(), start.lifecycle());
    }

    /**
     * Starts the roles with their schema ids resolved already: the HTTP port first (a port in use fails
     * here, before anything is consumed), then each role's Kafka Streams and its checks.
     */
    private static Pipeline start(RunStatusConfig config, TopologyOptions options, Optional<SchemaIds> routingIds,
                                  Optional<Preflight.LifecycleStart> lifecycle) {
        PrometheusMeterRegistry registry = StandardMeters.newRegistry(config.topics());
        PipelineMetrics metrics = new PipelineMetrics(registry, config.topics());
        Pipeline pipeline = new Pipeline(metrics, new StandardMeters(registry));
        StreamsSettings settings = StreamsSettings.of(config);
        try {
            routingIds.ifPresent(ids -> pipeline.add(config, registry, routing(config, settings, options, ids, metrics), ids));
            lifecycle.ifPresent(start -> pipeline.add(config, registry, lifecycle(config, settings, start, new LifecycleMetrics(registry)),
                    start.ids()));
            pipeline.server = ObservabilityServer.start(config.httpAddress(), registry, pipeline.health(),
                    pipeline.queryRoutes(config));
            for (RoleApplication role : pipeline.roles) {
                role.start();
            }
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        LOG.info("Metrics on http://{}:{}{}, health on {} and {}", config.httpAddress().getHostString(),
                pipeline.server.port(), ObservabilityServer.METRICS_PATH, ObservabilityServer.LIVE_PATH,
                ObservabilityServer.READY_PATH);
        return pipeline;
    }

    private static RoleApplication.Plan routing(RunStatusConfig config, StreamsSettings settings, TopologyOptions options,
                                                SchemaIds ids, PipelineMetrics metrics) {
        Topology topology = RunStatusTopology.build(config.pipelineSettings(), config.schemaCatalog(), ids, metrics, options);
        LOG.debug("Routing topology:\n{}", topology.describe());
        TopologyTopics topics = TopologyTopics.of(topology.describe());
        return new RoleApplication.Plan(Role.ROUTING, config.require(StreamsConfig.APPLICATION_ID_CONFIG), topology,
                settings.routing(metrics, options), Set.copyOf(topics.sources()), topics.all(),
                OutputSchemas.routing(config.topics(), config.schemaCatalog()));
    }

    private static RoleApplication.Plan lifecycle(RunStatusConfig config, StreamsSettings settings, Preflight.LifecycleStart start,
                                                  LifecycleMetrics metrics) {
        Topology topology = LifecycleTopology.build(LifecycleConfig.of(config), config.topics(), start.ids(), start.writerSchemas(),
                metrics);
        LOG.debug("Lifecycle topology:\n{}", topology.describe());
        Properties properties = settings.lifecycle(new LifecycleFaults(config.topics(), start.ids(), metrics));
        TopologyTopics topics = TopologyTopics.of(topology.describe());
        return new RoleApplication.Plan(Role.LIFECYCLE, config.lifecycleApplicationId(), topology, properties,
                Set.copyOf(topics.sources()), topics.all(), OutputSchemas.lifecycle(config.topics()));
    }

    /** The query API over the lifecycle's stores, or answering why there are none here. */
    private Map<String, HttpHandler> queryRoutes(RunStatusConfig config) {
        Optional<String> authorization = config.queryAuthorization();
        Duration deadline = config.millis(ConfigKeys.QUERY_DEADLINE_MS);
        peers = new Peers(deadline, authorization);
        pools = new QueryPools(config.intValue(ConfigKeys.QUERY_THREADS), config.intValue(ConfigKeys.QUERY_QUEUE));
        Map<String, Set<String>> sources = new LinkedHashMap<>();
        for (Lifecycle lifecycle : Lifecycle.values()) {
            sources.put(LifecycleTopology.storeName(lifecycle), Set.copyOf(LifecycleTopology.branchTopics(lifecycle, config.topics())));
        }
        Optional<RunStores> stores = role(Role.LIFECYCLE).map(role -> new StreamsRunStores(role.streams(),
                advertised(role.properties()), sources));
        RunQueries queries = new RunQueries(stores, config.lifecycleEnabled()
                ? "this instance runs the routing only (" + ConfigKeys.ROLE + "=" + Role.ROUTING.id() + "); ask one that runs the lifecycle"
                : "the lifecycle is off (" + ConfigKeys.LIFECYCLE_ENABLED + "=false)", peers, deadline);
        return RunQueryHandler.routes(queries, pools, authorization);
    }

    private void add(RunStatusConfig config, PrometheusMeterRegistry registry, RoleApplication.Plan plan, SchemaIds ids) {
        roles.add(new RoleApplication(config, plan, registry, stopped::countDown));
        schemaIds.putAll(ids.bySubject());
    }

    private static Optional<HostInfo> advertised(Properties properties) {
        return Optional.ofNullable(properties.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG))
                .filter(address -> !address.isBlank()).map(HostInfo::buildFromEndpoint);
    }

    private Optional<RoleApplication> role(Role role) {
        return roles.stream().filter(each -> each.role() == role).findFirst();
    }

    /** What the routing's Kafka Streams gets (see {@link StreamsSettings#routing}). */
    public static Properties streamsProperties(RunStatusConfig config, PipelineMetrics metrics, TopologyOptions options) {
        return StreamsSettings.of(config).routing(metrics, options);
    }

    /** The routing's meters (unused when only the lifecycle runs). */
    public PipelineMetrics metrics() {
        return metrics;
    }

    /** The roles this instance runs, in order: the routing before the lifecycle. */
    public List<Role> roles() {
        return roles.stream().map(RoleApplication::role).toList();
    }

    /** A role's application id. */
    public String applicationId(Role role) {
        return role(role).orElseThrow().applicationId();
    }

    /** A role's Streams properties, as its Kafka Streams got them. */
    public Properties properties(Role role) {
        return role(role).orElseThrow().properties();
    }

    /**
     * The instance's state: RUNNING when every role is; otherwise the state of the first role that is not,
     * an ERROR first.
     */
    public KafkaStreams.State state() {
        List<KafkaStreams.State> states = roles.stream().map(role -> role.streams().state()).toList();
        return states.stream().filter(state -> state == KafkaStreams.State.ERROR).findFirst()
                .or(() -> states.stream().filter(state -> state != KafkaStreams.State.RUNNING).findFirst())
                .orElse(KafkaStreams.State.RUNNING);
    }

    /** The health answers over every role. */
    public InstanceHealth health() {
        Map<String, Health> healths = new LinkedHashMap<>();
        roles.forEach(role -> healths.put(role.role().id(), role.health()));
        return new InstanceHealth(healths);
    }

    /** The schema ids every role writes with, by subject. */
    public Map<String, Integer> schemaIds() {
        return schemaIds;
    }

    /** The port of the metrics, health and query endpoints (useful when configured as 0). */
    public int httpPort() {
        return server.port();
    }

    /** Blocks until a role stops for good; the permanent failure that stopped it, if one did. */
    public Optional<Failure> awaitStop() throws InterruptedException {
        stopped.await();
        return roles.stream().flatMap(role -> role.failure().map(condition -> new Failure(role.role(), condition)).stream())
                .findFirst();
    }

    /** Stops every role (the lifecycle first, then the routing), then the HTTP port and the meters. */
    @Override
    public void close() {
        List<RoleApplication> reversed = new ArrayList<>(roles);
        Collections.reverse(reversed);
        reversed.forEach(RoleApplication::close);
        stopped.countDown();
        if (server != null) {
            server.close();
        }
        if (pools != null) {
            pools.close();
        }
        if (peers != null) {
            peers.close();
        }
        meters.close();
    }
}
