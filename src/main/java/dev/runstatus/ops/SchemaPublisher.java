package dev.runstatus.ops;

import dev.runstatus.config.TopicNames;
import dev.runstatus.registry.Compatibility;
import dev.runstatus.registry.SchemaRegistry;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.OutputSchemas;
import org.apache.avro.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers, checks and lists the output topics' value schemas. Subjects are FULL_TRANSITIVE: consumers
 * built against any version read records of any other, which is what lets enums grow.
 */
public final class SchemaPublisher {

    public static final String COMPATIBILITY = "FULL_TRANSITIVE";

    private final SchemaRegistry registry;
    private final Map<String, Schema> schemasBySubject;

    public SchemaPublisher(SchemaRegistry registry, TopicNames topics, SchemaCatalog catalog) {
        this.registry = registry;
        this.schemasBySubject = OutputSchemas.bySubject(topics, catalog);
    }

    /** Subject to id, in a fixed order, so a fresh registry hands out the same ids every time. */
    public Map<String, Integer> registerAll() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        schemasBySubject.forEach((subject, schema) -> {
            ids.put(subject, registry.register(subject, schema));
            registry.setCompatibility(subject, COMPATIBILITY);
        });
        return ids;
    }

    /** Subject to whether its schema here may be registered there, and the registry's reasons when not. */
    public Map<String, Compatibility> checkAll() {
        Map<String, Compatibility> verdicts = new LinkedHashMap<>();
        schemasBySubject.forEach((subject, schema) -> verdicts.put(subject, registry.compatibility(subject, schema)));
        return verdicts;
    }

    /** Every subject in the registry with its versions. */
    public Map<String, List<Integer>> listAll() {
        Map<String, List<Integer>> versions = new LinkedHashMap<>();
        registry.subjects().forEach(subject -> versions.put(subject, registry.versions(subject)));
        return versions;
    }
}
