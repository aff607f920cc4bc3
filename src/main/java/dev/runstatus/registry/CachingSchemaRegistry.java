package dev.runstatus.registry;

import org.apache.avro.Schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers what never changes once the registry has said it: a schema's id under a subject, and the
 * schema behind an id (from a look-up by id or by subject version). Failures and answers that can change
 * (latest, compatibility) are not cached. No lock is held while the registry is asked: two threads that
 * miss the same entry at once both ask, and both get the same answer.
 */
public final class CachingSchemaRegistry implements SchemaRegistry {

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final SchemaRegistry delegate;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    public CachingSchemaRegistry(SchemaRegistry delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer known = ids.get(key);
        if (known != null) {
            return known;
        }
        int id = delegate.register(subject, schema);
        ids.putIfAbsent(key, id);
        return id;
    }

    @Override
    public OptionalInt lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer known = ids.get(key);
        if (known != null) {
            return OptionalInt.of(known);
        }
        OptionalInt found = delegate.lookup(subject, schema);
        found.ifPresent(id -> ids.putIfAbsent(key, id));
        return found;
    }

    @Override
    public Schema schemaById(int id) {
        Schema known = schemas.get(id);
        if (known != null) {
            return known;
        }
        Schema fetched = delegate.schemaById(id);
        Schema raced = schemas.putIfAbsent(id, fetched);
        return raced == null ? fetched : raced;
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        return delegate.latest(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        RegisteredSchema registered = delegate.version(subject, version);
        schemas.putIfAbsent(registered.id(), registered.schema());
        return registered;
    }

    @Override
    public Compatibility compatibility(String subject, Schema schema) {
        return delegate.compatibility(subject, schema);
    }

    @Override
    public List<String> subjects() {
        return delegate.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return delegate.versions(subject);
    }

    @Override
    public void setCompatibility(String subject, String level) {
        delegate.setCompatibility(subject, level);
    }
}
