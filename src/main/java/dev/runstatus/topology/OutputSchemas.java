package dev.runstatus.topology;

import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.lifecycle.LifecycleCodec;
import dev.runstatus.registry.SubjectNames;
import dev.runstatus.schema.Family;
import dev.runstatus.schema.SchemaCatalog;
import org.apache.avro.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one value schema of each output topic, by subject, always in the same order: the branches and
 * extended payloads (from the document schemas in use: what the routing writes), then the lifecycle
 * topics (runstatus's own: what the lifecycle writes).
 */
public final class OutputSchemas {

    private OutputSchemas() {
    }

    /** Every output subject, the routing's then the lifecycle's. */
    public static Map<String, Schema> bySubject(TopicNames topics, SchemaCatalog catalog) {
        Map<String, Schema> subjects = routing(topics, catalog);
        subjects.putAll(lifecycle(topics));
        return subjects;
    }

    /** The subjects the routing writes: its branch topics and the extended payloads. */
    public static Map<String, Schema> routing(TopicNames topics, SchemaCatalog catalog) {
        Map<String, Schema> subjects = new LinkedHashMap<>();
        for (Route route : Route.values()) {
            subjects.put(SubjectNames.valueSubject(topics.name(route.topic())), catalog.valueSchema(route.family()));
        }
        for (Family family : Family.values()) {
            Topic.extendedPayloadsOf(family).ifPresent(payloads ->
                    subjects.put(SubjectNames.valueSubject(topics.name(payloads)), catalog.extendedPayloadSchema()));
        }
        return subjects;
    }

    /** The subjects the lifecycle writes: the status topics and the lifecycle events. */
    public static Map<String, Schema> lifecycle(TopicNames topics) {
        Map<String, Schema> subjects = new LinkedHashMap<>();
        Schema state = LifecycleCodec.stateSchema();
        Family.values().forEach(family -> subjects.put(SubjectNames.valueSubject(topics.name(Topic.statusOf(family))), state));
        subjects.put(SubjectNames.valueSubject(topics.name(Topic.LIFECYCLE_EVENTS)), LifecycleCodec.eventSchema());
        return subjects;
    }

    /** The subjects the lifecycle reads: the branch topics, whose every registered version it may meet. */
    public static List<String> branchSubjects(TopicNames topics) {
        return Route.values().stream().map(route -> SubjectNames.valueSubject(topics.name(route.topic()))).toList();
    }
}
