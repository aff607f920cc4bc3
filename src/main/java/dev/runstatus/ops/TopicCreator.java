package dev.runstatus.ops;

import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** Creates the topics of the plan that do not exist yet; existing topics are left as they are. */
public final class TopicCreator {

    private TopicCreator() {
    }

    /** Returns the names of the topics it created. */
    public static List<String> createMissing(Admin admin, TopicNames names, int partitions, short replicationFactor)
            throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            if (!existing.contains(names.name(topic))) {
                missing.add(new NewTopic(names.name(topic), partitions, replicationFactor).configs(TopicPlan.configs(topic)));
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
        }
        return missing.stream().map(NewTopic::name).toList();
    }
}
