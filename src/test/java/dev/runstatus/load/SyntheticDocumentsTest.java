package dev.runstatus.load;

import dev.runstatus.json.JsonLimits;
import dev.runstatus.reader.DocumentReader;
import dev.runstatus.reader.Reading;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.DocumentFields;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticDocumentsTest {

    private static final DocumentReader READER = DocumentFields.reader(SchemaCatalog.bundled(), JsonLimits.defaults());

    @Test
    void theSameSeedGivesTheSameDocuments() {
        SyntheticDocuments first = new SyntheticDocuments(3, 0.05);
        SyntheticDocuments second = new SyntheticDocuments(3, 0.05);
        for (int i = 0; i < 200; i++) {
            SyntheticDocument a = first.next();
            SyntheticDocument b = second.next();
            assertArrayEquals(a.key(), b.key());
            assertArrayEquals(a.value(), b.value());
        }
    }

    @Test
    void everyDocumentIsWhatItSaysAndEveryStatusOccurs() {
        SyntheticDocuments documents = new SyntheticDocuments(5, 0.05);
        Set<String> statuses = new HashSet<>();
        int invalid = 0;
        int withPayloads = 0;
        for (int i = 0; i < 5_000; i++) {
            SyntheticDocument document = documents.next();
            Reading result = READER.read(document.family(), document.value());
            assertEquals(document.valid(), result.valid(), new String(document.value()));
            if (!result.valid()) {
                invalid++;
                continue;
            }
            statuses.add(document.family().id() + ":" + result.value("status"));
            if (document.family() == Family.RUN_RESULT && !result.elements().isEmpty()) {
                withPayloads++;
            }
        }
        assertEquals(Set.of("run-result:pending", "run-result:started", "run-result:completed", "run-result:canceled",
                "run-result:failed", "auth-session-result:in_progress", "auth-session-result:pending", "auth-session-result:done",
                "auth-session-result:canceled", "auth-session-result:failed"), statuses);
        assertTrue(invalid > 150 && invalid < 350, invalid + " invalid of 5000");
        assertTrue(withPayloads > 1_000, withPayloads + " with extended payloads");
    }

    @Test
    void theMedianDocumentIsAboutOneKilobyte() {
        SyntheticDocuments documents = new SyntheticDocuments(9, 0);
        int[] sizes = new int[1_001];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = documents.next().value().length;
        }
        Arrays.sort(sizes);
        assertTrue(sizes[500] > 700 && sizes[500] < 1_600, "median " + sizes[500] + " bytes");
    }
}
