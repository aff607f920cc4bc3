package dev.runstatus.lifecycle;

import dev.runstatus.registry.AvroWireDeserializer;
import dev.runstatus.registry.RegistryException;
import dev.runstatus.registry.RegistryUnavailableException;
import dev.runstatus.registry.SchemaRegistry;
import dev.runstatus.registry.WireFormatException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the status of a branch record with the writer schema its id names, so records written before a
 * schema upgrade read as well as new ones. Only the status is materialized: the record is resolved to a
 * projection of its writer schema that keeps the status field alone, so Avro skips everything else. An
 * unreachable registry is not the record's fault: it is thrown, and the task is retried like any
 * transient failure.
 */
final class StatusReader {

    private static final String STATUS_FIELD = "status";

    private final AvroWireDeserializer values;

    StatusReader(SchemaRegistry registry) {
        this.values = new AvroWireDeserializer(registry, StatusReader::statusOnly, false);
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

    /**
     * The writer schema with every record reduced to its status field (a record without one to no
     * field), through unions: the reader schema that skips all but the status.
     */
    static Schema statusOnly(Schema writer) {
        return switch (writer.getType()) {
            case RECORD -> {
                Schema.Field status = writer.getField(STATUS_FIELD);
                List<Schema.Field> fields = status == null ? List.of()
                        : List.of(new Schema.Field(STATUS_FIELD, status.schema(), null, (Object) null));
                yield Schema.createRecord(writer.getName(), null, writer.getNamespace(), false, fields);
            }
            case UNION -> Schema.createUnion(writer.getTypes().stream().map(StatusReader::statusOnly).toList());
            default -> writer;
        };
    }
}
