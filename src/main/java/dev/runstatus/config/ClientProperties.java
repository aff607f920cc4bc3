package dev.runstatus.config;

import org.apache.kafka.clients.CommonClientConfigs;

import java.util.HashMap;
import java.util.Map;

/** The settings every Kafka client of runstatus's tools shares: where the cluster is and how to authenticate. */
public final class ClientProperties {

    private ClientProperties() {
    }

    public static Map<String, Object> common(RunStatusConfig config) {
        Map<String, Object> properties = new HashMap<>();
        config.values().forEach((key, value) -> {
            if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) || key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                    || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                properties.put(key, value);
            }
        });
        return properties;
    }
}
