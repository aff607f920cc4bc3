package dev.runstatus.audit;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RangeSpecTest {

    @Test
    void readsOffsetsPerPartition() {
        assertEquals(Map.of(0, 100L, 2, 250L), RangeSpec.parseOffsets("0:100, 2:250"));
        assertEquals(Map.of(), RangeSpec.parseOffsets(""));
    }

    @Test
    void refusesWhatIsNotPartitionColonOffset() {
        assertEquals("expected PARTITION:OFFSET, not 0-100",
                assertThrows(IllegalArgumentException.class, () -> RangeSpec.parseOffsets("0-100")).getMessage());
        assertEquals("expected PARTITION:OFFSET with whole numbers, not a:1",
                assertThrows(IllegalArgumentException.class, () -> RangeSpec.parseOffsets("a:1")).getMessage());
    }
}
