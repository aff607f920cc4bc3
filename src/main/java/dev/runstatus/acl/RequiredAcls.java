package dev.runstatus.acl;

import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.topology.TopologyOptions;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.StreamsConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

/**
 * The least ACLs each role needs under this configuration. The applications' come from their topologies,
 * built as {@code run} builds them (building does no I/O); the operator's from what each command reads,
 * writes and manages.
 */
public final class RequiredAcls {

    private RequiredAcls() {
    }

    /** Each resource once, with every operation the role needs on it, in a stable order. */
    public static List<AclGrant> of(RunStatusConfig config, AclRole role) {
        return of(config, role, List.of());
    }

    /** As {@link #of(RunStatusConfig, AclRole)}, with the operator replaying into outputs under these prefixes (replay --into). */
    public static List<AclGrant> of(RunStatusConfig config, AclRole role, List<String> replayPrefixes) {
        List<AclGrant> grants = new ArrayList<>();
        if (role == AclRole.OPERATOR || role == AclRole.ALL) {
            replayPrefixes.forEach(prefix -> grants.add(AclGrant.prefixed(ResourceType.TOPIC, prefix, CREATE, DESCRIBE, READ, WRITE)));
        }
        if (role == AclRole.ROUTING || role == AclRole.ALL) {
            grants.addAll(routing(config));
        }
        if (role == AclRole.LIFECYCLE || role == AclRole.ALL) {
            grants.addAll(lifecycle(config));
        }
        if (role == AclRole.OPERATOR || role == AclRole.ALL) {
            grants.addAll(operator(config));
        }
        Map<String, AclGrant> merged = new LinkedHashMap<>();
        grants.forEach(grant -> merged.merge(grant.resourceType() + " " + grant.patternType() + " " + grant.name(), grant, AclGrant::with));
        return merged.values().stream().sorted(Comparator.comparing((AclGrant grant) -> grant.resourceType().ordinal())
                .thenComparing(AclGrant::name).thenComparing(grant -> grant.patternType().ordinal())).toList();
    }

    static List<AclGrant> routing(RunStatusConfig config) {
        Properties properties = config.streamsProperties();
        return StreamsGrants.of(properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
                RoleTopologies.routing(config, TopologyOptions.pipeline()), exactlyOnce(properties),
                Optional.ofNullable(properties.getProperty(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)));
    }

    static List<AclGrant> lifecycle(RunStatusConfig config) {
        Properties properties = config.lifecycleStreamsProperties();
        return StreamsGrants.of(properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), RoleTopologies.lifecycle(config),
                exactlyOnce(properties), Optional.empty());
    }

    /** The lifecycle's changelog topics, which Streams creates: whether they exist yet or not, the role must be allowed them. */
    public static List<String> lifecycleChangelogs(RunStatusConfig config) {
        return StreamsGrants.changelogs(config.lifecycleApplicationId(), RoleTopologies.lifecycle(config));
    }

    /**
     * topics create, list and describe; status; produce and redrive (they write the inputs); tail and reconcile
     * (they read every topic); replay (an application of its own per range, named after the routing's); redrive's
     * transactions; reset (it moves each role's group back and deletes the lifecycle's internal topics).
     */
    static List<AclGrant> operator(RunStatusConfig config) {
        TopicNames topics = config.topics();
        String routing = config.require(StreamsConfig.APPLICATION_ID_CONFIG);
        String lifecycle = config.lifecycleApplicationId();
        List<AclGrant> grants = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            grants.add(AclGrant.literal(ResourceType.TOPIC, topics.name(topic), CREATE, DESCRIBE, DESCRIBE_CONFIGS, READ));
        }
        Topic.INPUTS.forEach(input -> grants.add(AclGrant.literal(ResourceType.TOPIC, topics.name(input), WRITE)));
        Topic.OUTPUTS.forEach(output -> grants.add(AclGrant.literal(ResourceType.TOPIC, topics.name(output), WRITE)));
        grants.add(AclGrant.literal(ResourceType.TOPIC, topics.name(Topic.REDRIVE_LEDGER), WRITE));
        grants.add(AclGrant.prefixed(ResourceType.TOPIC, lifecycle + "-", DELETE));
        grants.add(AclGrant.literal(ResourceType.GROUP, routing, DESCRIBE, READ));
        grants.add(AclGrant.literal(ResourceType.GROUP, lifecycle, DESCRIBE, READ));
        grants.add(AclGrant.prefixed(ResourceType.GROUP, routing + "-replay-", READ, DELETE));
        grants.add(AclGrant.prefixed(ResourceType.TRANSACTIONAL_ID, routing + "-replay-", WRITE, DESCRIBE));
        grants.add(AclGrant.literal(ResourceType.TRANSACTIONAL_ID, routing + "-redrive", WRITE, DESCRIBE));
        return grants;
    }

    private static boolean exactlyOnce(Properties properties) {
        return properties.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE).startsWith("exactly_once");
    }
}
