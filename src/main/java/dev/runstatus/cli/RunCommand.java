package dev.runstatus.cli;

import dev.runstatus.acl.Principals;
import dev.runstatus.app.Pipeline;
import dev.runstatus.app.StopSequence;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.PipelineVersion;
import dev.runstatus.config.Role;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.embedded.EmbeddedRuntime;
import dev.runstatus.embedded.PortClaim;
import dev.runstatus.metrics.ObservabilityServer;
import dev.runstatus.schema.Family;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs the pipeline.",
                "Without bootstrap servers (option, --config or RUNSTATUS_BOOTSTRAP_SERVERS) it first starts, on 127.0.0.1,"
                        + " a Kafka broker and a schema registry with their data under --data-dir, creates the topics and"
                        + " registers the schemas. Ctrl-C or SIGTERM stops the pipeline, then the registry, then the broker.",
                "Settings come from defaults, then --config, then RUNSTATUS_* environment variables, then options."},
        footer = {"", "Examples:", "  runstatus run --demo",
                "  runstatus run --servers-only --data-dir cluster",
                "  runstatus run --bootstrap-servers 127.0.0.1:9092 --schema-registry-url http://127.0.0.1:8081/apis/ccompat/v7 --http-port 9465",
                "  runstatus run --role lifecycle --config runstatus.properties"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--auto-register-schemas", arity = "1", paramLabel = "true|false",
            description = "Register schemas on first use (default false against a cluster, true embedded).")
    Boolean autoRegister;

    @Option(names = "--data-dir", defaultValue = "runstatus-data", paramLabel = "DIR",
            description = "Embedded only: where the broker keeps its data and both servers their logs (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--kafka-port", defaultValue = "" + EmbeddedRuntime.DEFAULT_KAFKA_PORT, paramLabel = "PORT",
            description = "Embedded only: broker port (default ${DEFAULT-VALUE}; the controller takes the next one).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "" + EmbeddedRuntime.DEFAULT_REGISTRY_PORT, paramLabel = "PORT",
            description = "Embedded only: schema registry port (default ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port of /metrics and /health (the key runstatus.http.port, default 9464; 0 takes a free one).")
    Integer httpPort;

    @Option(names = "--schemas-dir", paramLabel = "DIR",
            description = "Validate and encode with the .avsc files in DIR instead of the bundled ones (a schema upgrade;"
                    + " the key runstatus.schemas.dir).")
    Path schemasDirectory;

    @Option(names = "--demo", description = "Also publish a realistic mixed stream (3%% invalid) and print every topic's record count every 5 s.")
    boolean demo;

    @Option(names = "--role", paramLabel = "all|routing|lifecycle", converter = RoleConverter.class,
            description = "Which Kafka Streams applications to run (the key runstatus.role): all (default), routing or lifecycle.")
    Role role;

    @Option(names = "--servers-only", description = "Embedded only: start the broker and the registry, create the topics and"
            + " register the schemas, and run no pipeline; start pipelines against them with --bootstrap-servers.")
    boolean serversOnly;

    @Override
    public Integer call() throws Exception {
        RunStatusConfig config = connection.config(overrides());
        boolean embedded = config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG).isEmpty();
        if (serversOnly && (!embedded || demo)) {
            throw new ParameterException(spec.commandLine(), "--servers-only starts the embedded servers alone: it takes neither"
                    + " bootstrap servers nor --demo");
        }
        StopSequence stops = new StopSequence();
        Thread hook = new Thread(stops::stop, "runstatus-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!embedded) {
                config.require(ConfigKeys.SCHEMA_REGISTRY_URL);
                return runPipeline(config, stops, new Banner("runstatus " + PipelineVersion.current())
                        .row("Kafka", config.require(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) + "  as " + Principals.of(config) + " ("
                                + config.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG).orElse("PLAINTEXT") + ")")
                        .row("schema registry", config.require(ConfigKeys.SCHEMA_REGISTRY_URL)));
            }
            return runEmbedded(config, stops);
        } catch (CancellationException stoppedDuringStartUp) {
            return ExitCodes.OK;
        } finally {
            stops.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>();
        Optional.ofNullable(autoRegister).ifPresent(value -> overrides.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, value.toString()));
        Optional.ofNullable(schemasDirectory).ifPresent(dir -> overrides.put(ConfigKeys.SCHEMAS_DIR, dir.toAbsolutePath().toString()));
        Optional.ofNullable(httpPort).ifPresent(port -> overrides.put(ConfigKeys.HTTP_PORT, port.toString()));
        Optional.ofNullable(role).ifPresent(chosen -> overrides.put(ConfigKeys.ROLE, chosen.id()));
        return overrides;
    }

    private int runEmbedded(RunStatusConfig config, StopSequence stops) throws Exception {
        EmbeddedRuntime runtime = stops.add("the embedded runtime", new EmbeddedRuntime(dataDirectory.toAbsolutePath(),
                EmbeddedRuntime.Ports.of(kafkaPort, registryPort), config.topics()));
        int metricsPort = Integer.parseInt(config.require(ConfigKeys.HTTP_PORT));
        runtime.start(serversOnly || metricsPort == 0 ? List.of()
                : List.of(new PortClaim(metricsPort, "the metrics and health server", "--http-port")));
        Banner banner = embeddedBanner(runtime);
        if (serversOnly) {
            banner.row("schema ids", schemaIdRows(runtime.schemaIds()));
            banner.row("pipelines", "none; start them with: runstatus run --bootstrap-servers " + runtime.bootstrapServers()
                    + " --schema-registry-url " + runtime.registryUrl() + " --http-port <port>");
            banner.print(out());
            out().println("Press Ctrl-C to stop.");
            out().flush();
            stops.awaitStopping();
            return ExitCodes.OK;
        }
        Map<String, String> embedded = new HashMap<>();
        embedded.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers());
        embedded.put(ConfigKeys.SCHEMA_REGISTRY_URL, runtime.registryUrl().toString());
        if (autoRegister == null) {
            embedded.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, "true");
        }
        if (config.get(StreamsConfig.STATE_DIR_CONFIG).isEmpty()) {
            embedded.put(StreamsConfig.STATE_DIR_CONFIG, runtime.dataDirectory().resolve("streams").toString());
        }
        if (config.require(ConfigKeys.HTTP_HOST).equals(RunStatusConfig.defaults().get(ConfigKeys.HTTP_HOST))) {
            embedded.put(ConfigKeys.HTTP_HOST, "127.0.0.1");
        }
        return runPipeline(config.with(embedded), stops, banner);
    }

    /**
     * Checks Kafka, the topics, the registry and the schema ids first (nothing is consumed if one fails),
     * then runs the pipeline until Ctrl-C or SIGTERM (the hook stops it), or until it stops by itself.
     */
    private int runPipeline(RunStatusConfig config, StopSequence stops, Banner banner) throws Exception {
        Pipeline pipeline = stops.add("the pipeline", Pipeline.start(config));
        banner.row("schema ids", schemaIdRows(pipeline.schemaIds()));
        for (Role running : pipeline.roles()) {
            Properties properties = pipeline.properties(running);
            banner.row(running.id(), "application.id " + pipeline.applicationId(running) + ", "
                    + properties.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG) + ", commit every "
                    + properties.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG) + " ms");
        }
        String http = "http://" + config.httpAddress().getHostString() + ":" + pipeline.httpPort();
        banner.row("metrics, health", http + ObservabilityServer.METRICS_PATH + "  " + ObservabilityServer.LIVE_PATH + "  "
                        + ObservabilityServer.READY_PATH)
                .row("query API", pipeline.roles().contains(Role.LIFECYCLE)
                        ? http + queryPaths()
                        : "none here: the lifecycle does not run in this instance")
                .print(out());
        out().println("Press Ctrl-C to stop.");
        out().flush();
        if (demo) {
            stops.add("the demo traffic", new DemoTraffic(config)).start(out());
        }
        Optional<Pipeline.Failure> failure = pipeline.awaitStop();
        if (failure.isPresent()) {
            Role failed = failure.get().role();
            String others = pipeline.roles().stream().filter(other -> other != failed).map(Role::id)
                    .map(other -> "; the " + other + " stopped with it").findFirst().orElse("");
            spec.commandLine().getErr().println("error: the " + failed.id() + " stopped: " + failure.get().condition().detail() + others);
            spec.commandLine().getErr().flush();
            return ExitCodes.PIPELINE_FAILED;
        }
        return ExitCodes.OK;
    }

    /** Each family's paths: one run by its key, and a page of runs by status. */
    private static String queryPaths() {
        return Family.values().stream().map(family -> family.queryPath() + "/{" + family.keyField().orElse("key") + "}  "
                + family.queryPath() + "?status=").collect(Collectors.joining("  "));
    }

    private static String schemaIdRows(Map<String, Integer> ids) {
        if (ids.isEmpty()) {
            return "none";
        }
        return ids.entrySet().stream().map(entry -> String.format("%4d  %s", entry.getValue(), entry.getKey()))
                .collect(Collectors.joining("\n"));
    }

    private Banner embeddedBanner(EmbeddedRuntime runtime) {
        Path data = runtime.dataDirectory();
        String created = runtime.createdTopics().isEmpty() ? "all existed" : runtime.createdTopics().size() + " created now";
        return new Banner("runstatus " + PipelineVersion.current() + ", embedded runtime")
                .row("data directory", data.toString())
                .row("Kafka broker", runtime.bootstrapServers() + "  pid " + runtime.kafka().pid().orElse(-1L)
                        + "  log " + data.relativize(runtime.kafka().logFile()))
                .row("schema registry", runtime.registryUrl() + "  pid " + runtime.registry().pid().orElse(-1L)
                        + "  log " + data.relativize(runtime.registry().logFile()))
                .row("topics", Topic.values().size() + " (" + created + ")");
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
