package dev.runstatus.ops;

import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** Creates the topics of the plan that do not exist yet; existing topics are left as they are. */
public final class TopicCreator {

    private static final Duration LISTED_WITHIN = Duration.ofSeconds(30);
    private static final Duration LISTED_POLL = Duration.ofMillis(50);

    private TopicCreator() {
    }

    /**
     * A broker answers a topic's creation before its own metadata lists the topic and names a leader for
     * each partition, so a command run right after (produce, run) could find it missing or wait on a
     * partition without a leader: wait until the cluster lists every new topic with a leader for each partition.
     */
    private static void awaitListed(Admin admin, List<String> created) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + LISTED_WITHIN.toNanos();
        while (!admin.listTopics().names().get().containsAll(created) || !everyPartitionLed(admin, created)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster created " + created + " but does not list them all with a leader"
                        + " for each partition after " + LISTED_WITHIN.toSeconds() + " s");
            }
            Thread.sleep(LISTED_POLL.toMillis());
        }
    }

    private static boolean everyPartitionLed(Admin admin, List<String> topics) throws ExecutionException, InterruptedException {
        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                .allMatch(topic -> topic.partitions().stream().allMatch(partition -> partition.leader() != null
                        && !partition.leader().isEmpty()));
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
        List<String> created = missing.stream().map(NewTopic::name).toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
            awaitListed(admin, created);
        }
        return created;
    }
}
