package dev.runstatus.lifecycle;

import dev.runstatus.config.ConfigKeys;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every lifecycle store gets small memtables counted against one shared, bounded cache. */
class BoundedStoreMemoryTest {

    @Test
    void aStoreGetsSmallMemtablesAndTheSharedCache() {
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            new BoundedStoreMemory().setConfig("run-result-lifecycle", options,
                    Map.of(ConfigKeys.LIFECYCLE_STORE_MEMORY_BYTES, Long.toString(64L * 1024 * 1024)));

            assertEquals(4L * 1024 * 1024, options.writeBufferSize());
            assertEquals(2, options.maxWriteBufferNumber());
            assertTrue(((BlockBasedTableConfig) options.tableFormatConfig()).cacheIndexAndFilterBlocks());
        }
    }

    @Test
    void withoutItsBoundTheSetterRefusesRatherThanGuess() {
        assertThrows(IllegalStateException.class, () -> BoundedStoreMemory.bound(Map.of()));
        assertEquals(1024, BoundedStoreMemory.bound(Map.of(ConfigKeys.LIFECYCLE_STORE_MEMORY_BYTES, " 1024 ")));
    }
}
