package dev.runstatus.preflight;

import dev.runstatus.lifecycle.LifecycleConfig;
import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.registry.RegistryException;
import dev.runstatus.registry.SchemaIds;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.registry.SchemaRegistry;
import dev.runstatus.schema.SchemaCatalog;
import dev.runstatus.topology.OutputSchemas;
import dev.runstatus.topology.TopologyOptions;
import org.apache.avro.Schema;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The checks a command makes before it consumes or writes anything, each bounded by
 * {@code runstatus.connect.timeout.ms}: the Kafka cluster answers, the topics it needs exist, the
 * registry answers and takes the credentials, and the output subjects have the schemas the pipeline
 * writes. Each failure is one line that says what is wrong and what to run.
 */
public final class Preflight {

    private final RunStatusConfig config;
    private final Duration timeout;
    private Set<String> existingTopics;

    private Preflight(RunStatusConfig config) {
        this.config = config;
        this.timeout = config.connectTimeout();
    }

    public static Preflight of(RunStatusConfig config) {
        return new Preflight(config);
    }

    /**
     * Everything a pipeline needs before it consumes: the cluster, its input topics and (unless it writes
     * nothing) its output topics, the registry, and the output subjects' schema ids.
     */
    public SchemaIds pipeline(TopologyOptions options) throws PreflightException {
        kafka().topics(topicsOf(config, options));
        return schemaIds(registry(), config.topics(), config.schemaCatalog());
    }

    /**
     * The topics a pipeline with these options reads and writes: what must exist before it starts, and
     * what the running pipeline's checks watch for deletion.
     */
    public static List<String> topicsOf(RunStatusConfig config, TopologyOptions options) {
        List<String> topics = new ArrayList<>();
        options.inputs().forEach(topic -> topics.add(config.topics().name(topic)));
        if (options.writeOutputs()) {
            Topic.OUTPUTS.forEach(topic -> topics.add(config.topics().name(topic)));
        }
        if (options.tracksLifecycle() && LifecycleConfig.of(config).isPresent()) {
            Topic.LIFECYCLE.forEach(topic -> topics.add(config.topics().name(topic)));
        }
        return topics;
    }

    /** The cluster can be reached and answers. */
    public Preflight kafka() throws PreflightException {
        existingTopics = KafkaCheck.topics(ClientProperties.common(config), timeout);
        return this;
    }

    /** Every one of these topics exists (checked after {@link #kafka()}). */
    public Preflight topics(Collection<String> required) throws PreflightException {
        if (existingTopics == null) {
            kafka();
        }
        List<String> missing = required.stream().filter(topic -> !existingTopics.contains(topic)).distinct().sorted().toList();
        if (!missing.isEmpty()) {
            throw new PreflightException((missing.size() == 1 ? "missing topic: " : "missing topics: ") + String.join(", ", missing)
                    + "; create " + (missing.size() == 1 ? "it" : "them") + " with: runstatus topics create");
        }
        return this;
    }

    /** A client of the registry that answered and took the credentials, bounded by the same timeout. */
    public SchemaRegistry registry() throws PreflightException {
        SchemaRegistry registry = SchemaRegistries.connect(config.registrySettings().withRetryBudget(timeout));
        try {
            registry.subjects();
        } catch (RegistryException e) {
            throw new PreflightException(e.describe(registryUrl()));
        }
        return registry;
    }

    /**
     * The id of every output subject's schema: registered now if {@code auto.register.schemas}, otherwise
     * found registered already. Either way before Kafka Streams starts, so no record waits on the registry.
     */
    public SchemaIds schemaIds(SchemaRegistry registry, TopicNames topics, SchemaCatalog catalog) throws PreflightException {
        boolean autoRegister = config.pipelineSettings().autoRegisterSchemas();
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<String> unregistered = new ArrayList<>();
        try {
            for (Map.Entry<String, Schema> subject : OutputSchemas.bySubject(topics, catalog).entrySet()) {
                if (autoRegister) {
                    ids.put(subject.getKey(), register(registry, subject.getKey(), subject.getValue()));
                } else {
                    OptionalInt id = registry.lookup(subject.getKey(), subject.getValue());
                    id.ifPresentOrElse(found -> ids.put(subject.getKey(), found), () -> unregistered.add(subject.getKey()));
                }
            }
        } catch (RegistryException e) {
            throw new PreflightException(e.describe(registryUrl()));
        }
        if (!unregistered.isEmpty()) {
            throw new PreflightException("the schema the pipeline writes is not registered under "
                    + (unregistered.size() == 1 ? "subject " : "subjects ") + String.join(", ", unregistered)
                    + " and auto.register.schemas is false; register it with: runstatus schemas register");
        }
        return new SchemaIds(ids);
    }

    private int register(SchemaRegistry registry, String subject, Schema schema) throws PreflightException {
        try {
            return registry.register(subject, schema);
        } catch (RegistryException e) {
            if (e.status() == 409) {
                throw new PreflightException("the schema registry at " + registryUrl() + " refuses " + schema.getFullName()
                        + " under subject " + subject + " as incompatible (" + e.reason() + "); see: runstatus schemas check");
            }
            throw e;
        }
    }

    private URI registryUrl() {
        return config.registrySettings().url();
    }
}
