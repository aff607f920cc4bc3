package dev.runstatus.bench;

import dev.runstatus.config.TopicNames;
import dev.runstatus.embedded.EmbeddedRuntime;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** The embedded broker and registry the whole benchmark runs against, on free loopback ports. */
final class BenchCluster implements AutoCloseable {

    private final EmbeddedRuntime runtime;
    private final Admin admin;

    BenchCluster(Path data) throws IOException, InterruptedException, ExecutionException {
        runtime = new EmbeddedRuntime(data, new EmbeddedRuntime.Ports(freePort(), freePort(), freePort()), TopicNames.defaults());
        runtime.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()));
    }

    String bootstrapServers() {
        return runtime.bootstrapServers();
    }

    String registryUrl() {
        return runtime.registryUrl().toString();
    }

    void createTopics(Collection<String> names) throws ExecutionException, InterruptedException {
        admin.createTopics(names.stream().map(name -> new NewTopic(name, 1, (short) 1)).toList()).all().get();
    }

    void deleteTopics(Collection<String> names) throws ExecutionException, InterruptedException {
        admin.deleteTopics(names).all().get();
    }

    /** The end offset of partition 0 of each topic. */
    Map<TopicPartition, Long> endOffsets(Collection<String> topics) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        topics.forEach(topic -> query.put(new TopicPartition(topic, 0), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(query).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** True once the group has committed the given offsets (or further) on every partition. */
    boolean committedUpTo(String group, Map<TopicPartition, Long> ends) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            if (offset == null || offset.offset() < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    void deleteGroup(String group) {
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get();
        } catch (ExecutionException | InterruptedException ignored) {
            // a group left behind costs nothing to the measurements
        }
    }

    @Override
    public void close() {
        admin.close();
        runtime.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
