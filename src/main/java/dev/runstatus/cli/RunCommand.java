package dev.runstatus.cli;

import dev.runstatus.app.PipelineRunner;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline against a Kafka cluster and a Confluent-API schema registry.",
                "Settings come from defaults, then --config, then RUNSTATUS_* environment variables, then options."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema registry base URL (mock://NAME for an in-memory one).")
    String schemaRegistryUrl;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file: runstatus keys and any Kafka Streams or client keys.")
    Path configFile;

    @Option(names = "--auto-register-schemas", paramLabel = "true|false", description = "Register schemas on first use (default false).")
    Boolean autoRegister;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = new HashMap<>();
        Optional.ofNullable(bootstrapServers).ifPresent(value -> overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, value));
        Optional.ofNullable(schemaRegistryUrl).ifPresent(value -> overrides.put(ConfigKeys.SCHEMA_REGISTRY_URL, value));
        Optional.ofNullable(autoRegister).ifPresent(value -> overrides.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, value.toString()));
        RunStatusConfig config = RunStatusConfig.load(Optional.ofNullable(configFile), System.getenv(), overrides);
        config.require(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        return PipelineRunner.run(config);
    }
}
