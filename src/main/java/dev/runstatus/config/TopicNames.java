package dev.runstatus.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The topic names in force: the defaults, overridden per topic by configuration. */
public final class TopicNames {

    private final Map<Topic, String> names;

    private TopicNames(Map<Topic, String> names) {
        this.names = names;
    }

    public static TopicNames defaults() {
        return from(Map.of());
    }

    public static TopicNames from(Map<?, ?> config) {
        Map<Topic, String> names = new LinkedHashMap<>();
        for (Topic topic : Topic.values()) {
            Object configured = config.get(topic.configKey());
            names.put(topic, configured == null ? topic.defaultName() : configured.toString().trim());
        }
        if (names.values().stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("two topics share a name: " + names);
        }
        return new TopicNames(names);
    }

    /** The settings that put every output topic under {@code prefix}, as a replay into a prefix writes them. */
    public Map<String, String> outputsUnder(String prefix) {
        Map<String, String> settings = new HashMap<>();
        Topic.OUTPUTS.forEach(topic -> settings.put(topic.configKey(), prefix + name(topic)));
        return settings;
    }

    public String name(Topic topic) {
        return names.get(topic);
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
