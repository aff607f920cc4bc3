package dev.runstatus.deploy;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DashboardQueriesTest {

    @Test
    void findsTheMetricsAQueryReadsAndNothingElse() {
        assertEquals(Set.of("runstatus_end_to_end_latency_seconds_bucket"), DashboardQueries.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(runstatus_end_to_end_latency_seconds_bucket{instance=~\"$instance\"}[5m])))"));
        assertEquals(Set.of("runstatus_pipeline_state", "kafka_stream_alive_stream_threads"), DashboardQueries.metricNames(
                "max by (instance, state) (runstatus_pipeline_state == 1) or kafka_stream_alive_stream_threads{client_id=~\".*\"}"));
        assertEquals(Set.of("kafka_consumer_fetch_manager_records_lag_max"), DashboardQueries.metricNames(
                "max without (client_id) (kafka_consumer_fetch_manager_records_lag_max{client_id=~\".*StreamThread.*-consumer\"})"));
    }
}
