package dev.runstatus.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes values of one schema in the wire format under the topic's value subject. The schema id is
 * asked for once per topic; thread-safe.
 */
public final class AvroWireSerializer implements Serializer<Object> {

    private final SchemaRegistry registry;
    private final Schema schema;
    private final boolean autoRegister;
    private final DatumWriter<Object> writer;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

    public AvroWireSerializer(SchemaRegistry registry, Schema schema, boolean autoRegister) {
        this.registry = registry;
        this.schema = schema;
        this.autoRegister = autoRegister;
        this.writer = new GenericDatumWriter<>(schema);
    }

    @Override
    public byte[] serialize(String topic, Object datum) {
        if (datum == null) {
            return null;
        }
        Integer id = idsByTopic.get(topic);
        if (id == null) {
            id = schemaId(topic);
            idsByTopic.put(topic, id);
        }
        return WireFormat.encode(id, writer, datum);
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
