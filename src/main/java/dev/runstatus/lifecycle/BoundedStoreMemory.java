package dev.runstatus.lifecycle;

import dev.runstatus.config.ConfigKeys;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Bounds the off-heap memory of every lifecycle store of the JVM together: one block cache, which the
 * memtables count against too, instead of RocksDB's defaults per store (a 50 MB cache and three 16 MB
 * memtables each, for six stores with three partitions), which pushed a pod past its memory limit.
 * Kafka Streams creates one setter per store, so the cache is shared through a static field.
 */
public final class BoundedStoreMemory implements RocksDBConfigSetter {

    /** Of the bound, the share the memtables may take. */
    private static final double MEMTABLE_SHARE = 0.5;
    private static final int MEMTABLES_PER_STORE = 2;
    private static final long MEMTABLE_BYTES = 4L * 1024 * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared(bound(configs)));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBuffers);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setWriteBufferSize(MEMTABLE_BYTES);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store of the JVM: never closed here
    }

    static long bound(Map<String, Object> configs) {
        Object configured = configs.get(ConfigKeys.LIFECYCLE_STORE_MEMORY_BYTES);
        if (configured == null) {
            throw new IllegalStateException(ConfigKeys.LIFECYCLE_STORE_MEMORY_BYTES + " is missing from the Streams configuration");
        }
        return Long.parseLong(configured.toString().trim());
    }

    private static synchronized Cache shared(long bytes) {
        if (cache == null) {
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache);
        }
        return cache;
    }
}
