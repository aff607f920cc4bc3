package dev.runstatus.acl;

import dev.runstatus.topology.TopologyTopics;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.TopologyDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

/**
 * What one Kafka Streams application needs, read off its built topology: READ on every source topic,
 * WRITE on every sink topic, READ on its group, and, under exactly-once, WRITE and DESCRIBE on the
 * transactional ids Streams names after the application id. An application with state stores also
 * creates, reads, writes and deletes its internal topics, all named after the application id.
 */
final class StreamsGrants {

    private StreamsGrants() {
    }

    static List<AclGrant> of(String applicationId, TopologyDescription topology, boolean exactlyOnce, Optional<String> deadLetterTopic) {
        List<AclGrant> grants = new ArrayList<>();
        TopologyTopics topics = TopologyTopics.of(topology);
        topics.sources().forEach(topic -> grants.add(AclGrant.literal(ResourceType.TOPIC, topic, READ)));
        topics.sinks().forEach(topic -> grants.add(AclGrant.literal(ResourceType.TOPIC, topic, WRITE)));
        deadLetterTopic.ifPresent(topic -> grants.add(AclGrant.literal(ResourceType.TOPIC, topic, WRITE)));
        grants.add(AclGrant.literal(ResourceType.GROUP, applicationId, READ));
        if (exactlyOnce) {
            grants.add(AclGrant.prefixed(ResourceType.TRANSACTIONAL_ID, applicationId + "-", WRITE, DESCRIBE));
        }
        if (!changelogs(applicationId, topology).isEmpty()) {
            grants.add(AclGrant.prefixed(ResourceType.TOPIC, applicationId + "-", CREATE, READ, WRITE, DELETE, DESCRIBE_CONFIGS));
        }
        return grants;
    }

    /** The changelog topics Streams keeps for the topology's stores: what its internal-topic grant covers. */
    static List<String> changelogs(String applicationId, TopologyDescription topology) {
        List<String> topics = new ArrayList<>();
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store -> topics.add(applicationId + "-" + store + "-changelog"));
                }
            }
        }
        return topics;
    }
}
