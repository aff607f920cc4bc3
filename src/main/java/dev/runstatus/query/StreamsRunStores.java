package dev.runstatus.query;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.List;
import java.util.Optional;

/**
 * The run stores of a running Kafka Streams instance. Without {@code application.server} ({@code self}
 * empty) the instances cannot find each other, and each answers from its own stores.
 */
public record StreamsRunStores(KafkaStreams streams, Optional<HostInfo> self) implements RunQueries.RunStores {

    @Override
    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public ReadOnlyKeyValueStore<byte[], byte[]> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }

    @Override
    public Optional<HostInfo> otherOwner(String store, byte[] key) {
        if (self.isEmpty()) {
            return Optional.empty();
        }
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.ByteArray().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost().equals(self.get())) {
            return Optional.empty();
        }
        return Optional.of(owner.activeHost());
    }

    @Override
    public List<HostInfo> others(String store) {
        if (self.isEmpty()) {
            return List.of();
        }
        return streams.streamsMetadataForStore(store).stream().map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(self.get())).distinct().toList();
    }
}
