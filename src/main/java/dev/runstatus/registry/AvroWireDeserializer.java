package dev.runstatus.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads wire-format values with the writer schema named by their id, either as written (generic) or
 * resolved to a reader schema, optionally into the generated classes. Thread-safe.
 */
public final class AvroWireDeserializer implements Deserializer<Object> {

    private final SchemaRegistry registry;
    private final Schema readerSchema;
    private final boolean specific;
    private final Map<Integer, DatumReader<Object>> readersById = new ConcurrentHashMap<>();

    public AvroWireDeserializer(SchemaRegistry registry) {
        this(registry, null, false);
    }

    public AvroWireDeserializer(SchemaRegistry registry, Schema readerSchema, boolean specific) {
        this.registry = registry;
        this.readerSchema = readerSchema;
        this.specific = specific;
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        DatumReader<Object> reader = readersById.computeIfAbsent(WireFormat.schemaId(data), this::readerFor);
        return WireFormat.decode(data, reader);
    }

    private DatumReader<Object> readerFor(int id) {
        Schema writerSchema = registry.schemaById(id);
        Schema target = readerSchema == null ? writerSchema : readerSchema;
        return specific ? new SpecificDatumReader<>(writerSchema, target) : new GenericDatumReader<>(writerSchema, target);
    }
}
