package dev.runstatus.app;

import dev.runstatus.config.TopicNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kafka's per-partition consumer metrics come twice, once under the old spelling of the topic name: one is exported. */
class StandardMetersTest {

    @Test
    void theUnderscoreCopyOfATopicTagIsNotExported() {
        PrometheusMeterRegistry registry = StandardMeters.newRegistry(TopicNames.defaults());
        for (String topic : new String[] {"run-results.raw", "run-results_raw", "my_own_topic"}) {
            Gauge.builder("kafka.consumer.fetch.manager.records.lag", () -> 3).tag("topic", topic).tag("partition", "0").register(registry);
        }
        String scrape = registry.scrape();
        assertTrue(scrape.contains("topic=\"run-results.raw\""), scrape);
        assertTrue(scrape.contains("topic=\"my_own_topic\""), "a topic whose own name has underscores stays: " + scrape);
        assertEquals(false, scrape.contains("topic=\"run-results_raw\""), scrape);
    }
}
