package dev.runstatus.lifecycle;

import dev.runstatus.registry.AvroWireDeserializer;
import dev.runstatus.registry.RegistryException;
import dev.runstatus.registry.RegistryUnavailableException;
import dev.runstatus.registry.SchemaRegistry;
import dev.runstatus.registry.WireFormatException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.generic.GenericRecord;

import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads the status of a branch record with the writer schema its id names, so records written before a
 * schema upgrade read as well as new ones. An unreachable registry is not the record's fault: it is
 * thrown, and the task is retried like any transient failure.
 */
final class StatusReader {

    private static final String STATUS_FIELD = "status";

    private final AvroWireDeserializer values;

    StatusReader(SchemaRegistry registry) {
        this.values = new AvroWireDeserializer(registry);
    }

    /** The record's status, or empty for a value that is not a wire-format document with a status. */
    Optional<String> status(byte[] value) {
        Object decoded;
        try {
            decoded = values.deserialize(null, value);
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (WireFormatException | RegistryException | AvroRuntimeException | UncheckedIOException
                 | ClassCastException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
        if (decoded instanceof GenericRecord record && record.getSchema().getField(STATUS_FIELD) != null) {
            return Optional.of(record.get(STATUS_FIELD).toString());
        }
        return Optional.empty();
    }
}
