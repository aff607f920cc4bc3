package dev.runstatus.it;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Waits on a lifecycle instance's query API as a client would poll it. */
final class QueryAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryAnswers() {
    }

    /** Waits until the query API answers every run path with its expected status; fails naming the runs that never did. */
    static void awaitStates(int port, Map<String, String> expected, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> missing = new TreeMap<>(expected);
        while (!missing.isEmpty() && Instant.now().isBefore(deadline)) {
            for (String path : List.copyOf(missing.keySet())) {
                HttpResponse<String> answer = Scrape.get(port, path);
                if (answer.statusCode() == 200 && JSON.readTree(answer.body()).path("status").asText().equals(missing.get(path))) {
                    missing.remove(path);
                }
            }
            if (!missing.isEmpty()) {
                Thread.sleep(200);
            }
        }
        assertEquals(Map.of(), missing, "runs without their expected state after " + timeout);
    }
}
