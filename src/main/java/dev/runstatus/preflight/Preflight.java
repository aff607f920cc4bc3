package dev.runstatus.preflight;

import dev.runstatus.acl.RoleTopologies;
import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.Role;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.registry.RegistryException;
import dev.runstatus.registry.SchemaIds;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.registry.SchemaRegistry;
import dev.runstatus.topology.OutputSchemas;
import dev.runstatus.topology.TopologyOptions;
import dev.runstatus.topology.TopologyTopics;
import org.apache.avro.Schema;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The checks a command makes before it consumes or writes anything, each bounded by
 * {@code runstatus.connect.timeout.ms}: the Kafka cluster answers, the topics it needs exist, the
 * registry answers and takes the credentials, and the output subjects have the schemas the pipeline
 * writes. Each failure is one line that says what is wrong and what to run.
 */
public final class Preflight {

    /** The longest a lifecycle record waits on the registry for a writer schema first seen mid-stream. */
    public static final Duration LIFECYCLE_REGISTRY_BUDGET = Duration.ofSeconds(5);

    private final RunStatusConfig config;
    private final Duration timeout;
    private Set<String> existingTopics;
    /** The operator's, unless {@link #start} checks for the roles of {@code run}. */
    private AccessCheck access;

    private Preflight(RunStatusConfig config) {
        this.config = config;
        this.access = AccessCheck.operator(config);
        this.timeout = config.connectTimeout();
    }

    public static Preflight of(RunStatusConfig config) {
        return new Preflight(config);
    }

    /**
     * Everything the roles need before they consume, checked together so that one run names every missing
     * topic and subject: the cluster; the routing's input topics and (unless it writes nothing) its output
     * topics, and the lifecycle's branch and own topics; the registry; the schema ids of the subjects each
     * writes; and, for the lifecycle, the writer schemas of every version registered under the branch
     * subjects, so that no report waits on the registry for a schema known at start. The lifecycle's
     * client asks for a schema first seen later once, within {@link #LIFECYCLE_REGISTRY_BUDGET} (or the
     * connect timeout if shorter): a record waits no longer inside its transaction.
     */
    public Start start(Role role, TopologyOptions options) throws PreflightException {
        List<String> topics = new ArrayList<>();
        Map<String, Schema> subjects = new LinkedHashMap<>();
        Map<String, Schema> routing = OutputSchemas.routing(config.topics(), config.schemaCatalog());
        Map<String, Schema> lifecycle = OutputSchemas.lifecycle(config.topics());
        if (role.runsRouting()) {
            topics.addAll(routingTopics(config, options));
            subjects.putAll(routing);
        }
        if (role.runsLifecycle()) {
            topics.addAll(lifecycleTopics(config));
            subjects.putAll(lifecycle);
        }
        access = AccessCheck.of(config, role);
        kafka().topics(topics);
        access.requireAuthorized(topics, existingTopics, role.runsLifecycle());
        SchemaIds ids = schemaIds(registry(), subjects);
        return new Start(role.runsRouting() ? Optional.of(ids.only(routing.keySet())) : Optional.empty(),
                role.runsLifecycle() ? Optional.of(new LifecycleStart(ids.only(lifecycle.keySet()), writerSchemas()))
                        : Optional.empty());
    }

    /** The routing's schema ids alone (a replay, the benchmark). */
    public SchemaIds routing(TopologyOptions options) throws PreflightException {
        return start(Role.ROUTING, options).routing().orElseThrow();
    }

    /** What each role that runs may start with. */
    public record Start(Optional<SchemaIds> routing, Optional<LifecycleStart> lifecycle) {
    }

    private SchemaRegistry writerSchemas() throws PreflightException {
        Duration budget = timeout.compareTo(LIFECYCLE_REGISTRY_BUDGET) < 0 ? timeout : LIFECYCLE_REGISTRY_BUDGET;
        SchemaRegistry writers = SchemaRegistries.connect(config.registrySettings().withRetryBudget(budget));
        try {
            for (String subject : OutputSchemas.branchSubjects(config.topics())) {
                for (int version : versions(writers, subject)) {
                    writers.version(subject, version);
                }
            }
        } catch (RegistryException e) {
            throw new PreflightException(e.describe(registryUrl()));
        }
        return writers;
    }

    /** The lifecycle's schema ids, and a registry client that knows every writer schema registered at start. */
    public record LifecycleStart(SchemaIds ids, SchemaRegistry writerSchemas) {
    }

    private static List<Integer> versions(SchemaRegistry registry, String subject) {
        try {
            return registry.versions(subject);
        } catch (RegistryException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * The topics the routing with these options reads and writes, as its topology names them: what must exist
     * before it starts, and what its running checks watch for deletion.
     */
    public static List<String> routingTopics(RunStatusConfig config, TopologyOptions options) {
        return TopologyTopics.of(RoleTopologies.routing(config, options)).all();
    }

    /** The topics the lifecycle reads (the branch topics) and writes, as its topology names them. */
    public static List<String> lifecycleTopics(RunStatusConfig config) {
        return TopologyTopics.of(RoleTopologies.lifecycle(config)).all();
    }

    /** The branch topics of every family: what the lifecycle reads. */
    public static List<String> branchTopics(RunStatusConfig config) {
        return TopologyTopics.of(RoleTopologies.lifecycle(config)).sources();
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
        access.requireDescribable(missing);
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
     * The id of each subject's schema: registered now if {@code auto.register.schemas}, otherwise found
     * registered already. Either way before Kafka Streams starts, so no record waits on the registry.
     */
    public SchemaIds schemaIds(SchemaRegistry registry, Map<String, Schema> subjects) throws PreflightException {
        boolean autoRegister = config.pipelineSettings().autoRegisterSchemas();
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<String> unregistered = new ArrayList<>();
        try {
            for (Map.Entry<String, Schema> subject : subjects.entrySet()) {
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
