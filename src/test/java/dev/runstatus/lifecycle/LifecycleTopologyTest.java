package dev.runstatus.lifecycle;

import dev.runstatus.config.Topics;
import dev.runstatus.metrics.MetricNames;
import dev.runstatus.schema.Family;
import io.micrometer.core.instrument.Timer;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.runstatus.lifecycle.LifecycleDriver.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every transition class of both families, through the production topology from raw documents. */
class LifecycleTopologyTest {

    private static final String RUN = "V1StGXR8_Z5jdHi6B-myT";
    private static final String OTHER_RUN = "Uakgb_J5m9g-0JDMbcJqL";

    @TempDir
    Path state;
    private LifecycleDriver driver;

    @BeforeEach
    void start() {
        driver = new LifecycleDriver(state);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aRunAdvancesThroughItsLifecycleWithOneStatusRecordPerChange() {
        driver.run(RUN, "pending", 0);
        driver.run(RUN, "pending", 1);
        driver.run(RUN, "started", 2);
        driver.run(RUN, "started", 3);
        driver.run(RUN, "started", 4);
        driver.run(RUN, "completed", 9);

        List<RunState> states = driver.runStates();
        assertEquals(List.of("pending", "started", "completed"), states.stream().map(RunState::status).toList());
        RunState last = states.get(2);
        assertEquals(RUN, last.key());
        assertTrue(last.terminal());
        assertEquals(millis(0), last.firstSeen());
        assertEquals(millis(9), last.statusSince());
        assertEquals(millis(9), last.lastReport());
        assertEquals(6, last.reports());
        assertEquals(List.of(new StatusReport("pending", millis(0)), new StatusReport("started", millis(2)),
                new StatusReport("completed", millis(9))), last.history());
        assertNull(last.stalledAt());
        assertEquals(List.of(), driver.events());
        assertEquals(3.0, reports("run-result", "advance"));
        assertEquals(3.0, reports("run-result", "duplicate"));
        Timer duration = driver.meters.get(MetricNames.LIFECYCLE_RUN_DURATION).tag("family", "run-result")
                .tag("status", "completed").timer();
        assertEquals(1, duration.count());
        assertEquals(9 * 60, duration.totalTime(TimeUnit.SECONDS), 0.001);
        assertEquals(6.0, driver.meters.get(MetricNames.LIFECYCLE_REPORTS_PER_RUN).tag("status", "completed").summary().totalAmount());
    }

    @Test
    void aSkippedStatusIsAnAdvanceAndRunsAreKeptApart() {
        driver.run(RUN, "pending", 0);
        driver.run(OTHER_RUN, "started", 1);
        driver.run(RUN, "failed", 2);

        List<RunState> states = driver.runStates();
        assertEquals(List.of(RUN + "/pending", OTHER_RUN + "/started", RUN + "/failed"),
                states.stream().map(run -> run.key() + "/" + run.status()).toList());
        assertEquals(3.0, reports("run-result", "advance"));
        assertEquals(List.of(), driver.events());
    }

    @Test
    void aReportOlderThanTheStateItWouldChangeIsLateEvenFromAnotherBranchTopic() {
        driver.run(RUN, "completed", 10);
        driver.run(RUN, "started", 4);
        driver.run(RUN, "pending", 1);

        List<RunState> states = driver.runStates();
        assertEquals(3, states.size(), "the first report, then each late one that tells of an earlier time");
        RunState last = states.get(2);
        assertEquals("completed", last.status());
        assertEquals(millis(1), last.firstSeen());
        assertEquals(millis(10), last.statusSince());
        assertEquals(List.of(new StatusReport("pending", millis(1)), new StatusReport("started", millis(4)),
                new StatusReport("completed", millis(10))), last.history());
        List<GenericRecord> events = driver.events();
        assertEquals(List.of("late", "late"), events.stream().map(event -> event.get("kind").toString()).toList());
        GenericRecord first = events.get(0);
        assertEquals(RUN, first.get("key").toString());
        assertEquals("run-result", first.get("family").toString());
        assertEquals("completed", ((GenericRecord) first.get("before")).get("status").toString());
        assertEquals("started", ((GenericRecord) first.get("report")).get("status").toString());
        assertEquals(millis(4), first.get("at"));
        assertTrue(first.get("reportSource").toString().startsWith(driver.name(Topics.RUN_RESULTS_PROGRESS) + "-"),
                first.get("reportSource").toString());
        assertEquals(2.0, reports("run-result", "late"));
    }

    @Test
    void aTerminalRunThatChangesOrARunThatGoesBackIsIllegalAndChangesNothing() {
        driver.run(RUN, "started", 0);
        driver.run(RUN, "pending", 1);
        driver.run(RUN, "completed", 2);
        driver.run(RUN, "failed", 3);
        driver.run(RUN, "started", 4);

        assertEquals(List.of("started", "completed"), driver.runStates().stream().map(RunState::status).toList());
        List<GenericRecord> events = driver.events();
        assertEquals(List.of("illegal/started->pending", "illegal/completed->failed", "illegal/completed->started"),
                events.stream().map(event -> event.get("kind") + "/" + ((GenericRecord) event.get("before")).get("status")
                        + "->" + ((GenericRecord) event.get("report")).get("status")).toList());
        RunState stored = new LifecycleCodec().decodeState(driver.stored(Lifecycle.of(Family.RUN_RESULT), RUN));
        assertEquals("completed", stored.status());
        assertEquals(5, stored.reports());
        assertEquals(millis(4), stored.lastReport());
        assertEquals(3.0, reports("run-result", "illegal"));
    }

    @Test
    void authSessionsFollowTheirOwnLifecycleKeyedByTheOperationKey() {
        driver.authSession("op-1", "pending", 0);
        driver.authSession("op-1", "in_progress", 1);
        driver.authSession("op-1", "in_progress", 2);
        driver.authSession("op-1", "done", 3);
        driver.authSession("op-1", "failed", 4);
        driver.authSession("op-1", "pending", 0);

        List<RunState> states = driver.authStates();
        assertEquals(List.of("pending", "in_progress", "done"), states.stream().map(RunState::status).toList());
        assertEquals("op-1", states.get(2).key());
        assertTrue(states.get(2).terminal());
        assertEquals(List.of(), driver.runStates());
        assertEquals(List.of("illegal", "late"), driver.events().stream().map(event -> event.get("kind").toString()).toList());
        assertEquals(3.0, reports("auth-session-result", "advance"));
        assertEquals(1.0, reports("auth-session-result", "duplicate"));
    }

    @Test
    void aRunInFlightTooLongStallsOnceAndSaysSoWhenItEnds() {
        driver.run(RUN, "started", 0);
        driver.runStates();
        driver.advanceWallClock(Duration.ofMinutes(29));
        assertEquals(List.of(), driver.events(), "not yet 30 minutes after its first report");
        assertEquals(1.0, inFlight("started"));

        driver.advanceWallClock(Duration.ofMinutes(3));
        List<RunState> stalled = driver.runStates();
        assertEquals(1, stalled.size());
        assertNotNull(stalled.get(0).stalledAt());
        List<GenericRecord> events = driver.events();
        assertEquals(List.of("stalled"), events.stream().map(event -> event.get("kind").toString()).toList());

        driver.advanceWallClock(Duration.ofMinutes(30));
        assertEquals(List.of(), driver.events(), "one event per stall");

        driver.run(RUN, "completed", 70);
        assertEquals(List.of("ended_after_stall"), driver.events().stream().map(event -> event.get("kind").toString()).toList());
        driver.advanceWallClock(Duration.ofMinutes(1));
        assertEquals(0.0, inFlight("started"));
    }

    @Test
    void aTerminalRunLeavesTheStoreAfterItsRetentionWithATombstone() {
        driver.run(RUN, "completed", 0);
        driver.runStates();
        driver.advanceWallClock(Duration.ofDays(6));
        assertNotNull(driver.stored(Lifecycle.of(Family.RUN_RESULT), RUN));
        driver.advanceWallClock(Duration.ofDays(1).plusMinutes(2));
        assertNull(driver.stored(Lifecycle.of(Family.RUN_RESULT), RUN));
        List<RunState> tombstone = driver.runStates();
        assertEquals(1, tombstone.size());
        assertNull(tombstone.get(0));
        assertEquals(List.of(), driver.events());
    }

    @Test
    void aRunSilentPastTheAbandonBoundIsClosedAndLeavesTheStore() {
        driver.run(RUN, "pending", 0);
        driver.runStates();
        driver.advanceWallClock(Duration.ofDays(31));
        List<GenericRecord> events = driver.events();
        assertEquals(List.of("abandoned"), events.stream().map(event -> event.get("kind").toString()).toList());
        assertEquals(RunState.ABANDONED, ((GenericRecord) events.get(0).get("before")).get("closed").toString());
        assertNull(driver.stored(Lifecycle.of(Family.RUN_RESULT), RUN));
        assertEquals(1, driver.runStates().size());
    }

    @Test
    void aBranchRecordThatCannotBeReadIsAnUnreadableEventNamingItAndNeverStopsTheLifecycle() {
        driver.run(RUN, "pending", 0);
        driver.runStates();
        driver.pipe(Topics.RUN_RESULTS_COMPLETED, RUN, "{\"runId\":\"" + RUN + "\",\"status\":\"completed\"}", 1);
        driver.run(RUN, "started", 2);

        assertEquals(List.of("started"), driver.runStates().stream().map(RunState::status).toList());
        List<GenericRecord> events = driver.events();
        assertEquals(1, events.size());
        GenericRecord unreadable = events.get(0);
        assertEquals("unreadable", unreadable.get("kind").toString());
        assertEquals("run-result", unreadable.get("family").toString());
        assertEquals(RUN, unreadable.get("key").toString());
        assertEquals(millis(1), unreadable.get("at"));
        assertEquals(driver.name(Topics.RUN_RESULTS_COMPLETED) + "-0@0", unreadable.get("reportSource").toString());
        assertEquals("the value is not in the schema registry's wire format (54 bytes, first byte 123)",
                unreadable.get("cause").toString());
        assertEquals("pending", ((GenericRecord) unreadable.get("before")).get("status").toString());
        assertNull(unreadable.get("report"));
        assertEquals(1.0, reports("run-result", LifecycleProcessor.UNREADABLE));
        assertEquals(1.0, driver.meters.get(MetricNames.LIFECYCLE_EVENTS).tag("family", "run-result").tag("kind", "unreadable")
                .counter().count());
    }

    @Test
    void theRoutingKeepsNoStateAndTheLifecycleAStorePerFamily() {
        assertEquals(java.util.Set.of(), driver.routingStores());
        assertEquals(java.util.Set.of("run-result-lifecycle", "auth-session-result-lifecycle"), driver.lifecycleStores());
    }

    @Test
    void theStateRebuiltFromTheBranchTopicsAloneEqualsTheLiveState(@TempDir Path other) {
        driver.run(RUN, "completed", 10);
        driver.run(RUN, "started", 4);
        driver.run(RUN, "pending", 1);
        driver.run(RUN, "failed", 12);
        driver.run(OTHER_RUN, "pending", 2);
        driver.run(OTHER_RUN, "pending", 3);
        driver.run(OTHER_RUN, "started", 5);
        driver.authSession("op-1", "in_progress", 1);
        driver.authSession("op-1", "pending", 0);
        driver.authSession("op-2", "done", 7);
        List<java.util.Map.Entry<String, org.apache.kafka.streams.test.TestRecord<byte[], byte[]>>> branches = driver.branchRecords();
        assertEquals(10, branches.size());

        try (LifecycleDriver rebuild = new LifecycleDriver(other)) {
            branches.stream().sorted(java.util.Comparator.comparing(entry -> entry.getValue().timestamp()))
                    .forEach(entry -> rebuild.pipeBranch(entry.getKey(), entry.getValue()));
            for (Lifecycle lifecycle : Lifecycle.values()) {
                assertEquals(driver.storedStates(lifecycle), rebuild.storedStates(lifecycle), lifecycle.toString());
            }
            assertEquals(2, rebuild.storedStates(Lifecycle.of(Family.RUN_RESULT)).size());
            assertEquals(2, rebuild.storedStates(Lifecycle.of(Family.AUTH_SESSION_RESULT)).size());
        }
    }

    private double reports(String family, String transition) {
        return driver.meters.get(MetricNames.LIFECYCLE_REPORTS).tag("family", family).tag("transition", transition)
                .counter().count();
    }

    private double inFlight(String status) {
        return driver.meters.get(MetricNames.LIFECYCLE_RUNS_IN_FLIGHT).tag("family", "run-result").tag("status", status)
                .gauge().value();
    }

    private static long millis(long minutes) {
        return START.plus(Duration.ofMinutes(minutes)).toEpochMilli();
    }
}
