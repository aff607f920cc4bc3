package dev.runstatus.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runstatus.metrics.MetricNames;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.topology.InputRange;
import io.micrometer.core.instrument.Counter;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/** What a replay read and what it wrote (or, in a dry run, would have written), per topic and reason. */
public record ReplayReport(InputRange range, boolean dryRun, long recordsIn, Map<String, Long> perOutputTopic,
                           Map<String, Long> perDeadLetterReason) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ReplayReport of(InputRange range, boolean dryRun, PipelineMetrics metrics) {
        Map<String, Long> perTopic = new TreeMap<>();
        Map<String, Long> perReason = new TreeMap<>();
        long in = 0;
        for (Counter counter : metrics.registry().find(MetricNames.RECORDS_IN).counters()) {
            in += (long) counter.count();
        }
        for (Counter counter : metrics.registry().find(MetricNames.RECORDS_OUT).counters()) {
            if (counter.count() > 0) {
                perTopic.put(counter.getId().getTag(MetricNames.TAG_TOPIC), (long) counter.count());
            }
        }
        for (Counter counter : metrics.registry().find(MetricNames.DEAD_LETTERS).counters()) {
            perReason.put(counter.getId().getTag(MetricNames.TAG_STAGE) + "/" + counter.getId().getTag(MetricNames.TAG_REASON),
                    (long) counter.count());
        }
        return new ReplayReport(range, dryRun, in, perTopic, perReason);
    }

    /** The counts as one JSON object, for scripts. */
    public ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode().put("range", range.toString()).put("dryRun", dryRun).put("inputRecords", recordsIn);
        json.set(dryRun ? "wouldWrite" : "wrote", JSON.valueToTree(perOutputTopic));
        json.set("deadLettersByStageAndReason", JSON.valueToTree(perDeadLetterReason));
        return json;
    }

    public void print(PrintWriter out) {
        out.println((dryRun ? "dry run of " : "replayed ") + range + " (" + recordsIn + " input records)");
        out.println(dryRun ? "would write:" : "wrote:");
        perOutputTopic.forEach((topic, count) -> out.printf("  %-40s %d%n", topic, count));
        out.println("dead letters by stage/reason:");
        perDeadLetterReason.forEach((reason, count) -> out.printf("  %-40s %d%n", reason, count));
        out.flush();
    }
}
