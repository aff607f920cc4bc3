package dev.runstatus.acl;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

/** What the cluster says this principal may do on topics, asked through the Admin API as the commands and checks need it. */
public final class TopicAccess {

    private TopicAccess() {
    }

    /**
     * Of these topics, those the principal may not describe. The broker lists only topics a principal may
     * describe, and answers "not authorized" for such a topic whether or not it exists.
     */
    public static Set<String> undescribable(Admin admin, Collection<String> topics) throws InterruptedException {
        Set<String> refused = new TreeSet<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                topic.getValue().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    refused.add(topic.getKey());
                }
            }
        }
        return refused;
    }

    /**
     * The operations the grants need on these existing topics that the broker says the principal may not
     * perform, by topic, in the grants' order. A broker that does not report authorized operations reports nothing missing.
     */
    public static Map<String, List<AclOperation>> missing(Admin admin, Collection<String> topics, List<AclGrant> grants)
            throws InterruptedException, ExecutionException {
        Map<String, TopicDescription> described = admin.describeTopics(topics, new DescribeTopicsOptions().includeAuthorizedOperations(true))
                .allTopicNames().get();
        Map<String, List<AclOperation>> missing = new LinkedHashMap<>();
        for (AclGrant grant : grants) {
            for (TopicDescription topic : described.values()) {
                if (!grant.covers(ResourceType.TOPIC, topic.name()) || topic.authorizedOperations() == null) {
                    continue;
                }
                List<AclOperation> absent = new ArrayList<>(grant.operations());
                absent.removeAll(topic.authorizedOperations());
                if (!absent.isEmpty()) {
                    missing.computeIfAbsent(topic.name(), name -> new ArrayList<>()).addAll(absent);
                }
            }
        }
        return missing;
    }
}
