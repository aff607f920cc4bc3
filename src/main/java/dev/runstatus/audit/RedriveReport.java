package dev.runstatus.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;

/** What a redrive did with the dead letters it read. */
public final class RedriveReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    long read;
    long selected;
    long sent;
    long redrivenBefore;
    long deadLetteredAgain;
    long notFromAnInput;
    long overLimit;

    /** The counts as one JSON object, for scripts. */
    public ObjectNode toJson(boolean dryRun) {
        return JSON.createObjectNode().put("dryRun", dryRun).put("deadLettersRead", read).put("selected", selected)
                .put(dryRun ? "wouldBeSent" : "sent", sent).put("skippedRedrivenBefore", redrivenBefore)
                .put("skippedDeadLetteredAgain", deadLetteredAgain).put("skippedSourceNotAnInput", notFromAnInput)
                .put("skippedOverTheLimit", overLimit);
    }

    public void print(PrintWriter out, boolean dryRun) {
        out.printf("dead letters read                    %d%n", read);
        out.printf("selected by the filters              %d%n", selected);
        out.printf("%-37s%d%n", dryRun ? "would be sent" : "sent", sent);
        out.printf("skipped, redriven before             %d%n", redrivenBefore);
        out.printf("skipped, dead-lettered again         %d%n", deadLetteredAgain);
        out.printf("skipped, source is not an input      %d%n", notFromAnInput);
        out.printf("skipped, over the limit              %d%n", overLimit);
        out.flush();
    }
}
