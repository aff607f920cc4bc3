package dev.runstatus.query;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lifecycle's stores through Kafka Streams' interactive queries: key metadata for owners and
 * standbys, one partition's store at a time, and the lags of local standbys. Without
 * {@code application.server} ({@code self} empty) the instances cannot find each other, and each
 * answers from its own stores.
 */
public record StreamsRunStores(KafkaStreams streams, Optional<HostInfo> self, Map<String, Set<String>> sourceTopicsByStore)
        implements RunStores {

    @Override
    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public Optional<Owners> owners(String store, byte[] key) {
        if (self.isEmpty()) {
            return Optional.empty();
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.ByteArray().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Optional.empty();
        }
        return Optional.of(new Owners(metadata.partition(), metadata.activeHost(), metadata.standbyHosts()));
    }

    @Override
    public Optional<LocalValue> get(String store, byte[] key, boolean staleAllowed) {
        if (self.isEmpty()) {
            return Optional.of(new LocalValue(streams.store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.<byte[], byte[]>keyValueStore())).get(key), false, 0));
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.ByteArray().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Optional.empty();
        }
        boolean active = self.get().equals(metadata.activeHost());
        if (!active && !(staleAllowed && metadata.standbyHosts().contains(self.get()))) {
            return Optional.empty();
        }
        StoreQueryParameters<ReadOnlyKeyValueStore<byte[], byte[]>> parameters = StoreQueryParameters.fromNameAndType(store,
                QueryableStoreTypes.<byte[], byte[]>keyValueStore()).withPartition(metadata.partition());
        byte[] value = streams.store(active ? parameters : parameters.enableStaleStores()).get(key);
        long lag = active ? 0 : Optional.ofNullable(streams.allLocalStorePartitionLags().get(store))
                .map(lags -> lags.get(metadata.partition())).map(LagInfo::offsetLag).orElse(0L);
        return Optional.of(new LocalValue(value, !active, lag));
    }

    @Override
    public List<List<KeyValueBytes>> firstOfEachPartition(String store, Optional<byte[]> after, int limit, RunFilter filter) {
        List<List<KeyValueBytes>> pages = new ArrayList<>();
        for (int partition : activePartitions(store)) {
            ReadOnlyKeyValueStore<byte[], byte[]> partitionStore = streams.store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.<byte[], byte[]>keyValueStore()).withPartition(partition));
            List<KeyValueBytes> page = new ArrayList<>();
            try (KeyValueIterator<byte[], byte[]> runs = partitionStore.range(after.orElse(null), null)) {
                while (runs.hasNext() && page.size() < limit) {
                    KeyValue<byte[], byte[]> run = runs.next();
                    if ((after.isEmpty() || !Arrays.equals(run.key, after.get())) && filter.accepts(run.value)) {
                        page.add(new KeyValueBytes(run.key, run.value));
                    }
                }
            }
            pages.add(page);
        }
        return pages;
    }

    /** The partitions of the store this instance keeps active: those of its active tasks over the store's source topics. */
    private Set<Integer> activePartitions(String store) {
        Set<String> sources = sourceTopicsByStore.getOrDefault(store, Set.of());
        Set<Integer> partitions = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition partition : task.topicPartitions()) {
                    if (sources.contains(partition.topic())) {
                        partitions.add(partition.partition());
                    }
                }
            }
        }
        return partitions;
    }

    @Override
    public List<HostInfo> others(String store) {
        if (self.isEmpty()) {
            return List.of();
        }
        Set<HostInfo> others = new HashSet<>();
        for (StreamsMetadata metadata : streams.streamsMetadataForStore(store)) {
            if (!metadata.hostInfo().equals(self.get()) && metadata.stateStoreNames().contains(store)) {
                others.add(metadata.hostInfo());
            }
        }
        return others.stream().sorted((a, b) -> (a.host() + ":" + a.port()).compareTo(b.host() + ":" + b.port())).toList();
    }
}
