package dev.runstatus.load;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** The ways producers get documents wrong, one chosen at random per invalid document. */
final class InvalidDocuments {

    private InvalidDocuments() {
    }

    static byte[] corrupt(ObjectNode document, Random random) {
        String text = switch (random.nextInt(6)) {
            case 0 -> document.toString().substring(0, document.toString().length() / 2);
            case 1 -> document.deepCopy().put("status", "Completed").toString();
            case 2 -> document.deepCopy().put("status", 3).toString();
            case 3 -> document.deepCopy().putNull("status").toString();
            case 4 -> {
                ObjectNode copy = document.deepCopy();
                copy.remove("status");
                yield copy.toString();
            }
            default -> document.deepCopy().put("runId", 12345).put("status", "unknown").toString();
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
