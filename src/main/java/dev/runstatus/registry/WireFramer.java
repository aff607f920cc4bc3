package dev.runstatus.registry;

import org.apache.avro.Schema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Frames Avro binary of one schema in the wire format under the topic's value subject. The schema id
 * is asked for once per topic; thread-safe.
 */
public final class WireFramer {

    private final SchemaRegistry registry;
    private final Schema schema;
    private final boolean autoRegister;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

    public WireFramer(SchemaRegistry registry, Schema schema, boolean autoRegister) {
        this.registry = registry;
        this.schema = schema;
        this.autoRegister = autoRegister;
    }

    /** Avro binary already written in this framer's schema, in one or more consecutive parts, framed for the topic. */
    public byte[] frame(String topic, byte[]... avroParts) {
        return WireFormat.frame(idFor(topic), avroParts);
    }

    private int idFor(String topic) {
        Integer id = idsByTopic.get(topic);
        if (id == null) {
            id = schemaId(topic);
            idsByTopic.put(topic, id);
        }
        return id;
    }

    private int schemaId(String topic) {
        String subject = SubjectNames.valueSubject(topic);
        if (autoRegister) {
            return registry.register(subject, schema);
        }
        return registry.lookup(subject, schema).orElseThrow(() -> new RegistryException("the schema " + schema.getFullName()
                + " is not registered under subject " + subject + " and auto.register.schemas is false; "
                + "register it first (runstatus schemas register)", 404, RegistryException.SCHEMA_NOT_FOUND));
    }
}
