package dev.runstatus.registry;

import org.apache.avro.Schema;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The part of the Confluent Schema Registry API that runstatus uses. Implementations throw
 * {@link RegistryUnavailableException} when the registry cannot answer and {@link RegistryException}
 * when it answers with an error.
 */
public interface SchemaRegistry {

    /** Registers the schema under the subject (or finds it there already) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of this schema if it is registered under the subject. */
    OptionalInt lookup(String subject, Schema schema);

    Schema schemaById(int id);

    Optional<RegisteredSchema> latest(String subject);

    /** One version of a subject, with its global id and schema. */
    RegisteredSchema version(String subject, int version);

    /** Whether the schema may be registered under the subject (yes when the subject is new), and why not. */
    Compatibility compatibility(String subject, Schema schema);

    List<String> subjects();

    List<Integer> versions(String subject);

    void setCompatibility(String subject, String level);
}
