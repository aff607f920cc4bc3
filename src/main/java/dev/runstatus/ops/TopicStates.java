package dev.runstatus.ops;

import dev.runstatus.acl.TopicAccess;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.lifecycle.Lifecycle;
import dev.runstatus.lifecycle.LifecycleTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.config.TopicConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Each runstatus topic as the cluster has it, against the topic plan: partitions, replicas, and the configs
 * the plan sets; and the topics an earlier layout left that nothing reads any more.
 */
public final class TopicStates {

    /** The configs shown for every topic; the plan sets some of them. */
    static final List<String> SHOWN = List.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.RETENTION_MS_CONFIG,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);

    /**
     * One topic: whether it exists, its layout, its configs, how it differs from the plan, and whether it is a leftover.
     * {@code authorized} false: the principal may not describe it, so whether it exists is not known.
     */
    public record TopicState(String name, boolean exists, boolean authorized, int partitions, int replicas, Map<String, String> configs,
                             List<String> drift, boolean leftover) {
    }

    /** What the drift says of a topic the principal may not describe or read the configs of. */
    static final String GRANT = "; runstatus acls --role operator prints every binding";

    private TopicStates() {
    }

    /**
     * {@code replicas} empty: the replication factor is not held to the plan (it depends on the cluster).
     * Topics a former layout left behind come last, as drift: runstatus 0.2 kept the lifecycle's stores in
     * the routing's application, so their changelogs are named after {@code applicationId}.
     */
    public static List<TopicState> inspect(Admin admin, TopicNames names, int partitions, Optional<Short> replicas,
                                           String applicationId) throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        List<String> present = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            if (existing.contains(names.name(topic))) {
                present.add(names.name(topic));
            }
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get();
        Set<String> undescribable = TopicAccess.undescribable(admin, Topic.values().stream().map(names::name)
                .filter(name -> !present.contains(name)).toList());
        List<ConfigResource> resources = present.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(resources).values();
        List<TopicState> states = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            String name = names.name(topic);
            TopicDescription description = descriptions.get(name);
            if (undescribable.contains(name)) {
                states.add(new TopicState(name, false, false, 0, 0, Map.of(), List.of("not authorized: may not DESCRIBE it, so whether it"
                        + " exists is not known" + GRANT), false));
                continue;
            }
            if (description == null) {
                states.add(new TopicState(name, false, true, 0, 0, Map.of(), List.of("missing; create it with: runstatus topics create"),
                        false));
                continue;
            }
            Optional<Config> config = configOf(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)));
            Map<String, String> shown = new LinkedHashMap<>();
            SHOWN.forEach(key -> shown.put(key, config.map(found -> found.get(key)).map(ConfigEntry::value).orElse(null)));
            int replicaCount = description.partitions().get(0).replicas().size();
            List<String> drift = new ArrayList<>();
            if (description.partitions().size() != partitions) {
                drift.add("partitions " + description.partitions().size() + ", the plan " + partitions);
            }
            replicas.filter(expected -> expected != replicaCount)
                    .ifPresent(expected -> drift.add("replicas " + replicaCount + ", the plan " + expected));
            if (config.isEmpty()) {
                drift.add("not authorized: may not DESCRIBE_CONFIGS, so its configs are not known" + GRANT);
            }
            config.ifPresent(found -> TopicPlan.configs(topic).forEach((key, planned) -> {
                String actual = found.get(key) == null ? null : found.get(key).value();
                if (!planned.equals(actual)) {
                    drift.add(key + " " + actual + ", the plan " + planned);
                }
            }));
            states.add(new TopicState(name, true, true, description.partitions().size(), replicaCount, shown, drift, false));
        }
        for (Lifecycle lifecycle : Lifecycle.values()) {
            String leftover = applicationId + "-" + LifecycleTopology.storeName(lifecycle) + "-changelog";
            if (existing.contains(leftover)) {
                states.add(new TopicState(leftover, true, true, 0, 0, Map.of(), List.of("a leftover of runstatus 0.2, whose lifecycle ran"
                        + " inside application " + applicationId + "; nothing reads it now: delete it with"
                        + " kafka-topics.sh --delete --topic " + leftover), true));
            }
        }
        return states;
    }

    /** A topic's configs, or empty when the principal may not read them. */
    private static Optional<Config> configOf(KafkaFuture<Config> config) throws ExecutionException, InterruptedException {
        try {
            return Optional.of(config.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
