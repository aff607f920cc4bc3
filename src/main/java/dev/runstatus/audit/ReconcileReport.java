package dev.runstatus.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/** The counts reconcile found; the ledger balances when nothing is missing, duplicated or orphaned. */
public final class ReconcileReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    long inputs;
    long deadLettered;
    long payloadRecords;
    long missing;
    long duplicated;
    long orphaned;
    long payloadMismatches;
    long withoutProvenance;
    final Map<String, Long> perOutputTopic = new TreeMap<>();
    final Map<String, Long> perDeadLetterReason = new TreeMap<>();

    public boolean balanced() {
        return missing == 0 && duplicated == 0 && orphaned == 0 && payloadMismatches == 0;
    }

    /** The counts as one JSON object, for scripts. */
    public ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode().put("balanced", balanced()).put("inputRecords", inputs);
        json.set("perOutputTopic", JSON.valueToTree(perOutputTopic));
        json.put("deadLettered", deadLettered);
        json.set("perDeadLetterReason", JSON.valueToTree(perDeadLetterReason));
        return json.put("extendedPayloadRecords", payloadRecords).put("missing", missing).put("duplicated", duplicated)
                .put("orphaned", orphaned).put("payloadCountMismatches", payloadMismatches)
                .put("outputsWithoutProvenance", withoutProvenance);
    }

    public void print(PrintWriter out) {
        out.printf("input records            %d%n", inputs);
        perOutputTopic.forEach((topic, count) -> out.printf("  %-30s %d%n", topic, count));
        out.printf("dead-lettered            %d%n", deadLettered);
        perDeadLetterReason.forEach((reason, count) -> out.printf("  %-30s %d%n", reason, count));
        out.printf("extended-payload records %d%n", payloadRecords);
        out.printf("missing                  %d%n", missing);
        out.printf("duplicated               %d%n", duplicated);
        out.printf("orphaned                 %d%n", orphaned);
        out.printf("payload count mismatches %d%n", payloadMismatches);
        if (withoutProvenance > 0) {
            out.printf("outputs without provenance headers, not attributable: %d%n", withoutProvenance);
        }
        out.println(balanced() ? "BALANCED: every input record is accounted for exactly once"
                : "NOT BALANCED: see the records listed above");
        out.flush();
    }
}
