package dev.runstatus.lifecycle;

import dev.runstatus.registry.AvroWireDeserializer;
import dev.runstatus.registry.RegistryException;
import dev.runstatus.registry.RegistryUnavailableException;
import dev.runstatus.registry.SchemaRegistry;
import dev.runstatus.registry.WireFormat;
import dev.runstatus.registry.WireFormatException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads the status of a branch record with the writer schema its id names, so records written before a
 * schema upgrade read as well as new ones. Only the status is materialized: the record is resolved to a
 * projection of its writer schema that keeps the status field alone, so Avro skips everything else. A
 * registry that does not answer, or refuses runstatus, is not the record's fault: that exception goes
 * on, and the application fails and is retried. A record that no retry can read is unreadable.
 */
final class StatusReader {

    private static final String STATUS_FIELD = "status";

    private final AvroWireDeserializer values;

    StatusReader(SchemaRegistry registry) {
        this.values = new AvroWireDeserializer(registry, StatusReader::statusOnly, false);
    }

    /** The record's status. */
    String status(byte[] value) throws UnreadableReportException {
        if (value == null) {
            throw new UnreadableReportException("the record has no value");
        }
        Object decoded;
        try {
            decoded = values.deserialize(null, value);
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (WireFormatException e) {
            throw new UnreadableReportException("the value is not in the schema registry's wire format (" + value.length
                    + " bytes" + (value.length > 0 ? ", first byte " + value[0] : "") + ")");
        } catch (RegistryException e) {
            if (e.status() != 404) {
                throw e;
            }
            throw new UnreadableReportException("the schema registry has no schema with id " + WireFormat.schemaId(value));
        } catch (AvroRuntimeException | UncheckedIOException | ClassCastException | IndexOutOfBoundsException e) {
            throw new UnreadableReportException("the value does not decode with the writer schema of id " + WireFormat.schemaId(value));
        }
        if (decoded instanceof GenericRecord record && record.getSchema().getField(STATUS_FIELD) != null) {
            return record.get(STATUS_FIELD).toString();
        }
        throw new UnreadableReportException("the writer schema of id " + WireFormat.schemaId(value) + " has no status field");
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
