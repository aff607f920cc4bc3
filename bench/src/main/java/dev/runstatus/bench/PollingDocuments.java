package dev.runstatus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runstatus.load.SyntheticDocument;
import dev.runstatus.load.SyntheticDocuments;
import dev.runstatus.schema.Family;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * What polling producers send: every run reported several times in its documented order, with
 * {@value #IN_FLIGHT} runs in flight at once and the next report taken from any of them. Each synthetic
 * document is a run's last report; before it come one or two {@code pending} reports and, if it got
 * that far, one to three in flight ({@code started}, {@code in_progress}), the earlier ones with the
 * run's key and status only, and a started run's result as the synthetic started documents have one. About four reports per run: the status changes two or three times, the
 * rest repeat it. An invalid document is a report of its own.
 */
final class PollingDocuments {

    static final int IN_FLIGHT = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SyntheticDocuments source;
    private final Random random;
    private final List<Deque<SyntheticDocument>> inFlight = new ArrayList<>();
    private long runs;

    PollingDocuments(long seed, double invalidShare) {
        this.source = new SyntheticDocuments(seed, invalidShare);
        this.random = new Random(seed + 1);
    }

    SyntheticDocument next() {
        while (inFlight.size() < IN_FLIGHT) {
            inFlight.add(reportsEndingWith(source.next()));
        }
        int pick = random.nextInt(inFlight.size());
        Deque<SyntheticDocument> run = inFlight.get(pick);
        SyntheticDocument report = run.removeFirst();
        if (run.isEmpty()) {
            inFlight.set(pick, inFlight.get(inFlight.size() - 1));
            inFlight.remove(inFlight.size() - 1);
        }
        return report;
    }

    /** The runs begun so far, valid ones only (an invalid document is no run). */
    long runs() {
        return runs;
    }

    private Deque<SyntheticDocument> reportsEndingWith(SyntheticDocument last) {
        Deque<SyntheticDocument> reports = new ArrayDeque<>();
        if (last.valid()) {
            runs++;
            boolean runResult = last.family() == Family.RUN_RESULT;
            String inFlightStatus = runResult ? "started" : "in_progress";
            ObjectNode lastDocument = parse(last);
            String status = lastDocument.get("status").asText();
            int rank = status.equals("pending") ? 0 : status.equals(inFlightStatus) ? 1 : 2;
            int pending = 1 + random.nextInt(2) - (rank == 0 ? 1 : 0);
            int running = rank == 0 ? 0 : 1 + random.nextInt(3) - (rank == 1 ? 1 : 0);
            for (int i = 0; i < pending; i++) {
                reports.add(report(last, lastDocument, "pending"));
            }
            for (int i = 0; i < running; i++) {
                reports.add(report(last, lastDocument, inFlightStatus));
            }
        }
        reports.add(last);
        return reports;
    }

    /** An earlier report of the run: its key and status, and a started run's result so far (the last one's). */
    private static SyntheticDocument report(SyntheticDocument run, ObjectNode last, String status) {
        String key = new String(run.key(), StandardCharsets.UTF_8);
        ObjectNode document = JSON.createObjectNode();
        if (run.family() == Family.RUN_RESULT) {
            document.put("runId", key);
        }
        document.put("status", status);
        if (status.equals("started") && last.has("result")) {
            document.set("result", last.get("result"));
        }
        if (status.equals("in_progress")) {
            document.put("runId", "run-of-" + key);
        }
        return new SyntheticDocument(run.family(), run.key(), document.toString().getBytes(StandardCharsets.UTF_8), true);
    }

    private static ObjectNode parse(SyntheticDocument document) {
        try {
            return (ObjectNode) JSON.readTree(document.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
