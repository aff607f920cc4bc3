package dev.runstatus.query;

import dev.runstatus.lifecycle.RunState;
import dev.runstatus.lifecycle.StatusReport;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run's state as the query API answers it: times in ISO-8601 UTC, as people and jq read them. */
final class RunStateJson {

    private RunStateJson() {
    }

    static Map<String, Object> of(RunState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", state.key());
        json.put("family", state.family().id());
        json.put("status", state.status());
        json.put("terminal", state.terminal());
        json.put("firstSeen", time(state.firstSeen()));
        json.put("statusSince", time(state.statusSince()));
        json.put("lastReport", time(state.lastReport()));
        json.put("reports", state.reports());
        json.put("history", history(state.history()));
        json.put("stalledAt", state.stalledAt() == null ? null : time(state.stalledAt()));
        json.put("closed", state.closed());
        return json;
    }

    private static List<Map<String, Object>> history(List<StatusReport> reports) {
        return reports.stream().map(report -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("status", report.status());
            json.put("at", time(report.at()));
            return json;
        }).toList();
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
