package dev.runstatus.ops;

import dev.runstatus.config.Topic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.Map;

/**
 * How each topic is created. Every topic that holds events is deleted by age, never compacted. Inputs and
 * the dead-letter topic keep 30 days so that a range can be replayed and redriven; the dead-letter topic
 * takes records larger than any input, since it carries the original bytes plus headers. The redrive
 * ledger holds one entry per redriven dead letter, and the status topics one per run, kept as long as the
 * topic exists (compacted); lifecycle events keep 30 days, like dead letters.
 */
public final class TopicPlan {

    public static final int DEFAULT_PARTITIONS = 3;

    private static final String THIRTY_DAYS_MS = Long.toString(30L * 24 * 60 * 60 * 1000);
    private static final String SEVEN_DAYS_MS = Long.toString(7L * 24 * 60 * 60 * 1000);
    private static final String DEAD_LETTER_MAX_MESSAGE_BYTES = Integer.toString(8 * 1024 * 1024);

    private TopicPlan() {
    }

    public static Map<String, String> configs(Topic topic) {
        if (topic == Topic.DEAD_LETTER) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS_MS,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, DEAD_LETTER_MAX_MESSAGE_BYTES);
        }
        if (topic == Topic.REDRIVE_LEDGER || Topic.LIFECYCLE.contains(topic) && topic != Topic.LIFECYCLE_EVENTS) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (Topic.INPUTS.contains(topic) || topic == Topic.LIFECYCLE_EVENTS) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS_MS);
        }
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS_MS);
    }
}
