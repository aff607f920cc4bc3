package dev.runstatus.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A registry in memory, for tests and the {@code mock://} URL, with the Confluent registry's behaviour:
 * global ids, per-subject versions, per-subject compatibility (default BACKWARD).
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private static final String DEFAULT_COMPATIBILITY = "BACKWARD";

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new TreeMap<>();
    private final Map<String, String> compatibilityBySubject = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        OptionalInt existing = lookup(subject, schema);
        if (existing.isPresent()) {
            return existing.getAsInt();
        }
        if (!compatibility(subject, schema).compatible()) {
            throw new RegistryException("schema is incompatible with subject " + subject + " under "
                    + compatibility(subject), 409, 409);
        }
        int id = idsBySchema.computeIfAbsent(schema, newSchema -> {
            int next = schemasById.size() + 1;
            schemasById.put(next, newSchema);
            return next;
        });
        idsBySubject.computeIfAbsent(subject, name -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized OptionalInt lookup(String subject, Schema schema) {
        Integer id = idsBySchema.get(schema);
        return id != null && idsBySubject.getOrDefault(subject, List.of()).contains(id) ? OptionalInt.of(id) : OptionalInt.empty();
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new RegistryException("schema " + id + " not found", 404, RegistryException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        int id = ids.get(ids.size() - 1);
        return Optional.of(new RegisteredSchema(subject, ids.size(), id, schemasById.get(id)));
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
        if (version < 1 || version > ids.size()) {
            throw new RegistryException("version " + version + " of subject " + subject + " not found", 404,
                    RegistryException.VERSION_NOT_FOUND);
        }
        int id = ids.get(version - 1);
        return new RegisteredSchema(subject, version, id, schemasById.get(id));
    }

    @Override
    public synchronized Compatibility compatibility(String subject, Schema schema) {
        List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
        if (ids.isEmpty()) {
            return Compatibility.yes();
        }
        String level = compatibility(subject);
        List<Integer> against = level.endsWith("_TRANSITIVE") ? ids : ids.subList(ids.size() - 1, ids.size());
        String mode = level.replace("_TRANSITIVE", "");
        for (int id : against) {
            Schema existing = schemasById.get(id);
            boolean backward = canRead(schema, existing);
            boolean forward = canRead(existing, schema);
            boolean ok = switch (mode) {
                case "NONE" -> true;
                case "BACKWARD" -> backward;
                case "FORWARD" -> forward;
                case "FULL" -> backward && forward;
                default -> throw new IllegalStateException("unknown compatibility level " + level);
            };
            if (!ok) {
                return new Compatibility(false, List.of("not " + mode + " compatible with version "
                        + (ids.indexOf(id) + 1) + " of " + subject + " (" + level + ")"));
            }
        }
        return Compatibility.yes();
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(idsBySubject.keySet());
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        int count = idsBySubject.getOrDefault(subject, List.of()).size();
        if (count == 0) {
            throw new RegistryException("subject " + subject + " not found", 404, RegistryException.SUBJECT_NOT_FOUND);
        }
        List<Integer> versions = new ArrayList<>();
        for (int version = 1; version <= count; version++) {
            versions.add(version);
        }
        return versions;
    }

    @Override
    public synchronized void setCompatibility(String subject, String level) {
        compatibilityBySubject.put(subject, level);
    }

    private String compatibility(String subject) {
        return compatibilityBySubject.getOrDefault(subject, DEFAULT_COMPATIBILITY);
    }

    private static boolean canRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }
}
