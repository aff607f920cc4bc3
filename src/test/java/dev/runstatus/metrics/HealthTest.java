package dev.runstatus.metrics;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The health answers over an instance's life: starting, running, stalled, running again, failed. */
class HealthTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);
    private final MutableClock clock = new MutableClock();
    private final Health health = new Health(state::get, clock);

    @Test
    void readyMeansRunningAndMakingProgressAndLiveMeansNotFailedForGood() {
        assertAnswers("{\"status\":\"DOWN\",\"state\":\"CREATED\",\"reason\":\"starting\",\"detail\":\"Kafka Streams is in state"
                + " CREATED\",\"since\":\"2026-11-30T10:00:00Z\"}", health.ready());
        assertAnswers("{\"status\":\"UP\",\"state\":\"CREATED\",\"since\":\"2026-11-30T10:00:00Z\"}", health.live());

        clock.at(5);
        change(KafkaStreams.State.REBALANCING);
        assertAnswers("{\"status\":\"DOWN\",\"state\":\"REBALANCING\",\"reason\":\"rebalancing\",\"detail\":\"Kafka Streams is in"
                + " state REBALANCING\",\"since\":\"2026-11-30T10:00:05Z\"}", health.ready());
        clock.at(7);
        change(KafkaStreams.State.RUNNING);
        assertAnswers("{\"status\":\"UP\",\"state\":\"RUNNING\",\"since\":\"2026-11-30T10:00:07Z\"}", health.ready());

        clock.at(70);
        health.blocked(Health.Source.PROGRESS, Optional.of(new Health.Condition(Health.Reason.STALLED, "input waiting on raw-0 (lag 3)", clock.instant())));
        clock.at(75);
        health.blocked(Health.Source.PROGRESS, Optional.of(new Health.Condition(Health.Reason.STALLED, "input waiting on raw-0 (lag 9)", clock.instant())));
        assertAnswers("{\"status\":\"DOWN\",\"state\":\"RUNNING\",\"reason\":\"stalled\",\"detail\":\"input waiting on raw-0"
                + " (lag 9)\",\"since\":\"2026-11-30T10:01:10Z\"}", health.ready());
        assertAnswers("{\"status\":\"UP\",\"state\":\"RUNNING\",\"since\":\"2026-11-30T10:00:07Z\"}", health.live());
        clock.at(77);
        change(KafkaStreams.State.REBALANCING);
        assertAnswers("{\"status\":\"DOWN\",\"state\":\"REBALANCING\",\"reason\":\"stalled\",\"detail\":\"input waiting on raw-0"
                + " (lag 9)\",\"since\":\"2026-11-30T10:01:10Z\"}", health.ready());
        clock.at(78);
        change(KafkaStreams.State.RUNNING);

        clock.at(80);
        health.blocked(Health.Source.PROGRESS, Optional.empty());
        assertAnswers("{\"status\":\"UP\",\"state\":\"RUNNING\",\"since\":\"2026-11-30T10:01:20Z\"}", health.ready());
        assertAnswers("{\"status\":\"UP\",\"state\":\"RUNNING\",\"since\":\"2026-11-30T10:01:18Z\"}", health.live());

        clock.at(90);
        health.failed("topic-missing: topic runstatus.dlq deleted under the running pipeline");
        health.failed("a later failure is not the cause");
        String failed = "{\"status\":\"DOWN\",\"state\":\"RUNNING\",\"reason\":\"failed\",\"detail\":\"topic-missing: topic"
                + " runstatus.dlq deleted under the running pipeline\",\"since\":\"2026-11-30T10:01:30Z\"}";
        assertAnswers(failed, health.live());
        assertAnswers(failed, health.ready());
    }

    @Test
    void aClientInErrorIsNotLive() {
        change(KafkaStreams.State.ERROR);
        assertAnswers("{\"status\":\"DOWN\",\"state\":\"ERROR\",\"reason\":\"failed\",\"detail\":\"Kafka Streams is in state"
                + " ERROR\",\"since\":\"2026-11-30T10:00:00Z\"}", health.live());
    }

    private void change(KafkaStreams.State next) {
        state.set(next);
        health.stateChanged();
    }

    private static void assertAnswers(String json, Health.Answer answer) {
        assertEquals(json + "\n", answer.json());
    }

    private static final class MutableClock extends Clock {
        private Instant now = T0;

        void at(long seconds) {
            now = T0.plusSeconds(seconds);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
