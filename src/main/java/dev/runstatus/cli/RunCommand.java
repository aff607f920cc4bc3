package dev.runstatus.cli;

import dev.runstatus.app.Pipeline;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.embedded.EmbeddedRuntime;
import dev.runstatus.metrics.ObservabilityServer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline.",
                "Without bootstrap servers (option, --config or RUNSTATUS_BOOTSTRAP_SERVERS) it first starts, on 127.0.0.1,"
                        + " a Kafka broker and a schema registry with their data under --data-dir, creates the topics and"
                        + " registers the schemas.",
                "Settings come from defaults, then --config, then RUNSTATUS_* environment variables, then options."})
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

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Embedded only: broker port (controller: this + 1).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Embedded only: schema registry port.")
    int registryPort;

    @Option(names = "--schemas-dir", paramLabel = "DIR",
            description = "Validate and encode with the .avsc files in DIR instead of the bundled ones (a schema upgrade;"
                    + " the key runstatus.schemas.dir).")
    Path schemasDirectory;

    @Option(names = "--demo", description = "Also publish a realistic mixed stream (3%% invalid) and print every topic's record count every 5 s.")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        Optional.ofNullable(autoRegister).ifPresent(value -> overrides.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, value.toString()));
        Optional.ofNullable(schemasDirectory).ifPresent(dir -> overrides.put(ConfigKeys.SCHEMAS_DIR, dir.toAbsolutePath().toString()));
        RunStatusConfig config = connection.config(overrides);
        if (config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG).isPresent()) {
            config.require(ConfigKeys.SCHEMA_REGISTRY_URL);
            return runUntilStopped(config, null);
        }
        EmbeddedRuntime runtime = new EmbeddedRuntime(dataDirectory.toAbsolutePath(),
                new EmbeddedRuntime.Ports(kafkaPort, kafkaPort + 1, registryPort), config.topics());
        runtime.start();
        Map<String, String> embedded = new HashMap<>(overrides);
        embedded.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers());
        embedded.put(ConfigKeys.SCHEMA_REGISTRY_URL, runtime.registryUrl().toString());
        embedded.putIfAbsent(ConfigKeys.AUTO_REGISTER_SCHEMAS, "true");
        if (config.require(ConfigKeys.HTTP_HOST).equals(RunStatusConfig.defaults().get(ConfigKeys.HTTP_HOST))) {
            embedded.put(ConfigKeys.HTTP_HOST, "127.0.0.1");
        }
        RunStatusConfig embeddedConfig = connection.config(embedded);
        printWhereEverythingIs(runtime, embeddedConfig);
        return runUntilStopped(embeddedConfig, runtime);
    }

    /** Stops the pipeline, then the embedded servers if any, on Ctrl-C or SIGTERM. */
    private int runUntilStopped(RunStatusConfig config, EmbeddedRuntime runtime) throws InterruptedException {
        Pipeline pipeline = Pipeline.start(config);
        PrintWriter out = spec.commandLine().getOut();
        out.println("  Metrics, health  http://" + config.httpAddress().getHostString() + ":" + pipeline.httpPort()
                + ObservabilityServer.METRICS_PATH + ", " + ObservabilityServer.LIVE_PATH + ", " + ObservabilityServer.READY_PATH);
        out.println("Press Ctrl-C to stop.");
        out.flush();
        DemoTraffic traffic = demo ? new DemoTraffic(config) : null;
        if (traffic != null) {
            traffic.start(spec.commandLine().getOut());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (traffic != null) {
                traffic.close();
            }
            pipeline.close();
            if (runtime != null) {
                runtime.close();
            }
        }, "runstatus-shutdown"));
        return pipeline.awaitStop() ? 1 : 0;
    }

    private void printWhereEverythingIs(EmbeddedRuntime runtime, RunStatusConfig config) {
        PrintWriter out = spec.commandLine().getOut();
        Path data = dataDirectory.toAbsolutePath();
        out.println("runstatus embedded runtime, data in " + data);
        out.println("  Kafka broker     " + runtime.bootstrapServers() + "  (KRaft; log " + data.resolve("kafka.log") + ")");
        out.println("  Schema registry  " + runtime.registryUrl() + "  (Apicurio; log " + data.resolve("registry.log") + ")");
        out.println("  Topics created   " + (runtime.createdTopics().isEmpty() ? "none, all existed" : runtime.createdTopics()));
        out.println("  Schemas          " + runtime.schemaIds());
        out.println("  Pipeline         application.id=" + config.require(StreamsConfig.APPLICATION_ID_CONFIG)
                + ", processing.guarantee=" + config.require(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        out.flush();
    }
}
