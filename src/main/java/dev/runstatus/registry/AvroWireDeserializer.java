package dev.runstatus.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Reads wire-format values with the writer schema named by their id, either as written (generic) or
 * resolved to a reader schema (one schema, or one derived from each writer schema), optionally into the
 * generated classes. Thread-safe.
 */
public final class AvroWireDeserializer implements Deserializer<Object> {

    private final SchemaRegistry registry;
    private final UnaryOperator<Schema> readerSchemaOf;
    private final boolean specific;
    private final Map<Integer, DatumReader<Object>> readersById = new ConcurrentHashMap<>();

    public AvroWireDeserializer(SchemaRegistry registry) {
        this(registry, UnaryOperator.identity(), false);
    }

    public AvroWireDeserializer(SchemaRegistry registry, Schema readerSchema, boolean specific) {
        this(registry, writerSchema -> readerSchema, specific);
    }

    /** Reads each value with the reader schema {@code readerSchemaOf} derives from its writer schema. */
    public AvroWireDeserializer(SchemaRegistry registry, UnaryOperator<Schema> readerSchemaOf, boolean specific) {
        this.registry = registry;
        this.readerSchemaOf = readerSchemaOf;
        this.specific = specific;
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int id = WireFormat.schemaId(data);
        DatumReader<Object> reader = readersById.get(id);
        if (reader == null) {
            // built outside the map's lock: the registry may be asked for the writer schema
            DatumReader<Object> built = readerFor(id);
            DatumReader<Object> raced = readersById.putIfAbsent(id, built);
            reader = raced == null ? built : raced;
        }
        return WireFormat.decode(data, reader);
    }

    private DatumReader<Object> readerFor(int id) {
        Schema writerSchema = registry.schemaById(id);
        Schema target = readerSchemaOf.apply(writerSchema);
        return specific ? new SpecificDatumReader<>(writerSchema, target) : new GenericDatumReader<>(writerSchema, target);
    }
}
