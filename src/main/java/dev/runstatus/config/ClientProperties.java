package dev.runstatus.config;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings every Kafka client of runstatus's tools shares: where the cluster is, how to authenticate,
 * and, unless configured, timeouts no longer than the connect timeout, so that a command against a
 * cluster that stops answering fails within it instead of Kafka's default minute.
 */
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
        long timeout = config.connectTimeout().toMillis();
        for (String key : new String[] {CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG,
                ProducerConfig.MAX_BLOCK_MS_CONFIG}) {
            properties.put(key, config.get(key).orElse(Long.toString(timeout)));
        }
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)
                .orElse(Long.toString(2 * timeout)));
        return properties;
    }
}
