package dev.runstatus.app;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.lifecycle.BoundedStoreMemory;
import dev.runstatus.lifecycle.LifecycleExceptionHandler;
import dev.runstatus.lifecycle.LifecycleFaults;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.topology.DeadLetterProcessingHandler;
import dev.runstatus.topology.DeadLetterProductionHandler;
import dev.runstatus.topology.TopologyOptions;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/**
 * What each role's Kafka Streams gets: its exception handlers, the configuration (common keys, then the
 * role's own), one state directory for both roles of an instance, and, for the lifecycle, the address
 * at which the other instances reach its stores.
 */
public final class StreamsSettings {

    private final RunStatusConfig config;
    private final String stateDirectory;

    private StreamsSettings(RunStatusConfig config, String stateDirectory) {
        this.config = config;
        this.stateDirectory = stateDirectory;
    }

    public static StreamsSettings of(RunStatusConfig config) {
        return new StreamsSettings(config, config.get(StreamsConfig.STATE_DIR_CONFIG)
                .orElseGet(() -> StateDirectories.defaultFor(config).toString()));
    }

    /** The routing's: the dead-letter exception handlers unless configured otherwise, its meters, and whether outputs are written. */
    public Properties routing(PipelineMetrics metrics, TopologyOptions options) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        properties.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        properties.putAll(config.streamsProperties());
        common(properties);
        properties.put(ConfigKeys.DISCARD_OUTPUTS, String.valueOf(!options.writeOutputs()));
        return metrics.attachTo(properties);
    }

    /**
     * The lifecycle's: its own exception handler (never the dead-letter topic), its application id, its
     * stores' bounded memory, and {@code application.server} for the query API.
     */
    public Properties lifecycle(LifecycleFaults faults) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LifecycleExceptionHandler.class.getName());
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        properties.putAll(config.lifecycleStreamsProperties());
        common(properties);
        properties.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedStoreMemory.class.getName());
        AdvertisedAddress.defaultFor(config).ifPresent(address -> properties.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, address));
        return faults.attachTo(properties);
    }

    private void common(Properties properties) {
        properties.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, stateDirectory);
        // Kafka Streams 4.3's partition assignor reads its settings again from the main consumer's, which lack
        // this key, and warns that the handler is off for the global thread: hand the consumer the same value.
        properties.putIfAbsent(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                properties.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG));
    }
}
