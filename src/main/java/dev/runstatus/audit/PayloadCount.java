package dev.runstatus.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.schema.Family;

import java.io.IOException;

/**
 * How many extended-payload records an input document makes if it is valid: the length of a run
 * document's top-level {@code extendedPayloads} array, where its family fans them out. Read independently of the pipeline, so that
 * reconcile checks the pipeline rather than repeating it.
 */
final class PayloadCount {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXTENDED_PAYLOADS = "extendedPayloads";

    private PayloadCount() {
    }

    static int of(Family family, byte[] value) {
        if (!family.extendedPayloads() || value == null) {
            return 0;
        }
        try {
            JsonNode payloads = JSON.readTree(value).path(EXTENDED_PAYLOADS);
            return payloads.isArray() ? payloads.size() : 0;
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }
}
