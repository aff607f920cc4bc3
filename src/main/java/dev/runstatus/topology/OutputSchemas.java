package dev.runstatus.topology;

import dev.runstatus.lifecycle.LifecycleCodec;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.registry.SubjectNames;
import dev.runstatus.schema.SchemaCatalog;
import org.apache.avro.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one value schema of each output topic, by subject, always in the same order: the branches and
 * extended payloads (from the document schemas in use), then the lifecycle topics (runstatus's own).
 */
public final class OutputSchemas {

    private OutputSchemas() {
    }

    public static Map<String, Schema> bySubject(TopicNames topics, SchemaCatalog catalog) {
        Map<String, Schema> subjects = new LinkedHashMap<>();
        for (Route route : Route.values()) {
            subjects.put(SubjectNames.valueSubject(topics.name(route.topic())), catalog.valueSchema(route.family()));
        }
        subjects.put(SubjectNames.valueSubject(topics.name(Topic.RUN_RESULTS_EXTENDED_PAYLOADS)), catalog.extendedPayloadSchema());
        Schema state = LifecycleCodec.stateSchema();
        subjects.put(SubjectNames.valueSubject(topics.name(Topic.RUN_RESULTS_STATUS)), state);
        subjects.put(SubjectNames.valueSubject(topics.name(Topic.AUTH_SESSION_RESULTS_STATUS)), state);
        subjects.put(SubjectNames.valueSubject(topics.name(Topic.LIFECYCLE_EVENTS)), LifecycleCodec.eventSchema());
        return subjects;
    }
}
