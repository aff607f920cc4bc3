package dev.runstatus.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.util.function.Supplier;

/** Kafka Streams' state as gauges. */
public final class StreamsHealth {

    private StreamsHealth() {
    }

    /** One gauge per state of a role's Kafka Streams, 1 for the current one, so a dashboard can show and alert on it. */
    public static void bindStateGauges(MeterRegistry registry, String role, Supplier<KafkaStreams.State> state) {
        for (KafkaStreams.State each : KafkaStreams.State.values()) {
            Gauge.builder(MetricNames.PIPELINE_STATE, () -> state.get() == each ? 1 : 0)
                    .description("1 for the Kafka Streams state the role is in, 0 for the others")
                    .tags(MetricNames.TAG_STATE, each.name(), MetricNames.TAG_ROLE, role)
                    .register(registry);
        }
    }
}
