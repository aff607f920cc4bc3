package dev.runstatus.app;

import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;


/** The JVM's and process's meters, bound to the instance's Prometheus registry (each role binds its Kafka Streams'). */
final class StandardMeters implements AutoCloseable {

    private static final String TOPIC_TAG = "topic";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    /** The registry every meter of the instance goes to, its filter in place before any meter is registered. */
    static PrometheusMeterRegistry newRegistry(TopicNames topics) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.deny(id -> isLegacyTopicCopy(id.getTag(TOPIC_TAG), topics)));
        return registry;
    }

    StandardMeters(PrometheusMeterRegistry registry) {
        this.registry = registry;
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * Kafka's consumer reports each per-partition metric twice, once with the topic's name and once with its
     * dots replaced by underscores (the old JMX spelling); only the first is exported.
     */
    static boolean isLegacyTopicCopy(String topic, TopicNames topics) {
        if (topic == null || topic.indexOf('_') < 0) {
            return false;
        }
        return Topic.values().stream().map(topics::name)
                .anyMatch(name -> !name.equals(topic) && name.replace('.', '_').equals(topic));
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
