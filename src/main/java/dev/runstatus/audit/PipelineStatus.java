package dev.runstatus.audit;

import dev.runstatus.config.HeaderKeys;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The pipeline at a glance, as kafka-consumer-groups --describe and rpk group describe show a group: for
 * each role's consumer group (the routing's over the input topics, the lifecycle's over the branch
 * topics) its state and members, each input partition's committed offset, end offset and lag; then the
 * dead letters of the last hour by reason, and the output topics' end offsets.
 */
public record PipelineStatus(List<Group> groups, Map<String, Long> deadLettersLastHour, Map<String, Long> outputEnds) {

    /** A role's consumer group and the topics it reads. */
    public record GroupSpec(String role, String group, List<String> inputTopics) {
    }

    /** A role's consumer group: its state, members and input partitions. */
    public record Group(String role, String group, String state, List<Member> members, List<PartitionLag> inputs) {

        public long totalLag() {
            return inputs.stream().mapToLong(PartitionLag::lag).sum();
        }
    }

    /** A member of the group and the input partitions it holds. */
    public record Member(String clientId, String host, List<String> partitions) {
    }

    /** An input partition: committed offset (-1 when none), end offset, lag. */
    public record PartitionLag(String partition, long committed, long end, long lag) {
    }

    /** The lag of every group together. */
    public long totalLag() {
        return groups.stream().mapToLong(Group::totalLag).sum();
    }

    public static PipelineStatus of(Admin admin, Map<String, Object> clientProperties, List<GroupSpec> groups, TopicNames topics,
                                    Instant now) throws ExecutionException, InterruptedException {
        List<Group> described = new ArrayList<>();
        for (GroupSpec group : groups) {
            described.add(group(admin, group));
        }
        Map<String, Long> outputEnds = new TreeMap<>();
        List<String> outputTopics = Topic.OUTPUTS.stream().map(topics::name).toList();
        ends(admin, partitions(admin, outputTopics)).forEach((partition, end) -> outputEnds.merge(partition.topic(), end, Long::sum));
        Map<String, Long> deadLetters = deadLettersSince(clientProperties, topics.name(Topic.DEAD_LETTER), now.minusSeconds(3600));
        return new PipelineStatus(described, deadLetters, outputEnds);
    }

    private static Group group(Admin admin, GroupSpec spec) throws ExecutionException, InterruptedException {
        List<String> inputTopics = spec.inputTopics().stream().sorted().toList();
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(spec.group())).describedGroups().get(spec.group()).get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
            description = null;
        }
        List<Member> members = new ArrayList<>();
        if (description != null) {
            for (MemberDescription member : description.members()) {
                members.add(new Member(member.clientId(), member.host(), member.assignment().topicPartitions().stream()
                        .filter(partition -> inputTopics.contains(partition.topic())).map(TopicPartition::toString).sorted().toList()));
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(spec.group())
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> ends = ends(admin, partitions(admin, inputTopics));
        List<PartitionLag> inputs = new ArrayList<>();
        ends.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString()))).forEach(end -> {
            OffsetAndMetadata offset = committed.get(end.getKey());
            long at = offset == null ? -1 : offset.offset();
            inputs.add(new PartitionLag(end.getKey().toString(), at, end.getValue(), Math.max(0, end.getValue() - Math.max(at, 0))));
        });
        String state = description == null ? "NONE (no consumer group " + spec.group() + ")" : description.groupState().toString();
        return new Group(spec.role(), spec.group(), state, members, inputs);
    }

    private static List<TopicPartition> partitions(Admin admin, Collection<String> topics) throws ExecutionException, InterruptedException {
        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(topic -> topic.partitions().stream().map(info -> new TopicPartition(topic.name(), info.partition())))
                .toList();
    }

    private static Map<TopicPartition, Long> ends(Admin admin, List<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, Long> ends = new HashMap<>();
        found.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** Dead letters written since {@code from}, counted by stage/reason: read once, committed records only. */
    private static Map<String, Long> deadLettersSince(Map<String, Object> clientProperties, String topic, Instant from) {
        Map<String, Long> counts = new TreeMap<>();
        try (TopicScan scan = new TopicScan(clientProperties)) {
            Map<TopicPartition, TopicScan.Span> spans = scan.since(topic, from);
            scan.read(spans, deadLetter -> counts.merge(Provenances.text(deadLetter.headers(), HeaderKeys.ERROR_STAGE).orElse("?") + "/"
                    + Provenances.text(deadLetter.headers(), HeaderKeys.ERROR_REASON).orElse("?"), 1L, Long::sum));
        }
        return counts;
    }
}
