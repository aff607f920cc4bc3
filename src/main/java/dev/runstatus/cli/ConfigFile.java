package dev.runstatus.cli;

import dev.runstatus.config.RunStatusConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * --config: the configuration in layers (defaults, this file, RUNSTATUS_* variables, options), with a
 * warning for every key in the file or the environment that neither runstatus nor Kafka knows.
 */
final class ConfigFile {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFile.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with client settings (TLS, SASL, registry auth).")
    Path file;

    RunStatusConfig load(Map<String, String> overrides) {
        RunStatusConfig config = RunStatusConfig.load(Optional.ofNullable(file), System.getenv(), overrides);
        LogLevels.fromConfig(config);
        config.warnings().forEach(LOG::warn);
        return config;
    }
}
