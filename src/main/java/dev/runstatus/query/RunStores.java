package dev.runstatus.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle's stores as the query service sees them: where a key is kept (its partition's active
 * instance and standbys), what this instance keeps of it, and the sorted runs of its own partitions.
 * Kafka Streams' interactive queries in production; a test driver's stores in tests.
 */
public interface RunStores {

    KafkaStreams.State state();

    /** This instance's address for the others ({@code application.server}); empty when none is configured. */
    Optional<HostInfo> self();

    /** Where the key's partition is kept; empty while that is not known (a rebalance). */
    Optional<Owners> owners(String store, byte[] key);

    /**
     * The key's value in this instance's copy of its partition, active or, when {@code staleAllowed}, a
     * standby; empty when this instance keeps no copy of it.
     *
     * @throws InvalidStateStoreException while the store is not queryable here
     */
    Optional<LocalValue> get(String store, byte[] key, boolean staleAllowed);

    /**
     * Up to {@code limit} runs of each partition this instance keeps active, each partition's in key
     * order, starting after {@code after} (from the first when empty), accepted by {@code filter}.
     *
     * @throws InvalidStateStoreException while the store is not queryable here
     */
    List<List<KeyValueBytes>> firstOfEachPartition(String store, Optional<byte[]> after, int limit, RunFilter filter);

    /** Every other instance that keeps partitions of the store active: those a list asks. */
    List<HostInfo> others(String store);

    /** A key's partition, the instance that keeps it active, and those that keep a standby of it. */
    record Owners(int partition, HostInfo active, Set<HostInfo> standbys) {
    }

    /** A value read here: from the active copy (lag 0), or from a standby this many records behind. */
    record LocalValue(byte[] value, boolean stale, long lagRecords) {
    }

    /** A key and its value, as the stores hold them. */
    record KeyValueBytes(byte[] key, byte[] value) {
    }

    /** Which stored runs a list takes. */
    interface RunFilter {
        boolean accepts(byte[] value);
    }
}
