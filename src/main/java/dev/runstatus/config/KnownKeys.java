package dev.runstatus.config;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a configuration file or a RUNSTATUS_* variable may set: runstatus's own, and those of Kafka
 * Streams and Kafka's clients, bare or with Kafka Streams' prefixes. Any other key is most likely a typo,
 * and the nearest known key (by edit distance) is probably what was meant.
 */
final class KnownKeys {

    private static final Set<String> CONSUMER = ConsumerConfig.configNames();
    private static final Set<String> PRODUCER = ProducerConfig.configNames();
    private static final Set<String> ADMIN = AdminClientConfig.configNames();
    private static final Set<String> TOPIC = topicConfigNames();
    private static final Map<String, Set<String>> PREFIXED = Map.of(
            StreamsConfig.CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.MAIN_CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.PRODUCER_PREFIX, PRODUCER,
            StreamsConfig.ADMIN_CLIENT_PREFIX, ADMIN,
            StreamsConfig.TOPIC_PREFIX, TOPIC);
    private static final Set<String> EXACT = exactKeys();
    private static final Set<String> ROLE_PREFIXES = Set.of(ConfigKeys.ROUTING_STREAMS_PREFIX, ConfigKeys.LIFECYCLE_STREAMS_PREFIX);
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private KnownKeys() {
    }

    /** A warning about {@code key}, read {@code where} ("in FILE", "from VARIABLE"), unless it is known. */
    static Optional<String> warning(String key, String where) {
        if (known(key)) {
            return Optional.empty();
        }
        return Optional.of("unknown configuration key '" + key + "' " + where + nearest(key).map(near -> " (did you mean '" + near + "'?)")
                .orElse("") + "; runstatus and Kafka ignore it");
    }

    static boolean known(String key) {
        if (EXACT.contains(key)) {
            return true;
        }
        for (String role : ROLE_PREFIXES) {
            if (key.startsWith(role)) {
                return known(key.substring(role.length()));
            }
        }
        return PREFIXED.entrySet().stream().anyMatch(prefixed -> key.startsWith(prefixed.getKey())
                && prefixed.getValue().contains(key.substring(prefixed.getKey().length())));
    }

    private static Optional<String> nearest(String key) {
        int allowed = Math.max(2, key.length() / 5);
        return EXACT.stream()
                .map(candidate -> Map.entry(candidate, DISTANCE.apply(key, candidate)))
                .filter(scored -> scored.getValue() <= allowed)
                .min(Comparator.comparing((Map.Entry<String, Integer> scored) -> scored.getValue()).thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }

    private static Set<String> exactKeys() {
        Set<String> keys = new HashSet<>(ConfigKeys.SETTINGS);
        Topic.values().stream().map(Topic::configKey).forEach(keys::add);
        keys.addAll(StreamsConfig.configDef().names());
        keys.addAll(CONSUMER);
        keys.addAll(PRODUCER);
        keys.addAll(ADMIN);
        return keys;
    }

    /** TopicConfig names every topic-level key as a constant ending in _CONFIG. */
    private static Set<String> topicConfigNames() {
        Set<String> names = new HashSet<>();
        for (Field field : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_CONFIG") && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }
}
