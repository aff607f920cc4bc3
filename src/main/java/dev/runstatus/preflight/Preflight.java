package dev.runstatus.preflight;

import dev.runstatus.acl.AclGrant;
import dev.runstatus.acl.AclRole;
import dev.runstatus.acl.Denials;
import dev.runstatus.acl.Principals;
import dev.runstatus.acl.RequiredAcls;
import dev.runstatus.acl.RoleTopologies;
import dev.runstatus.acl.TopicAccess;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

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
import java.util.stream.Collectors;

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
    /** Whose bindings a refusal points to: the operator's, unless {@link #start} checks for a role of {@code run}. */
    private AclRole aclRole = AclRole.OPERATOR;
    /** What the roles {@link #start} checks for need; none for a command. */
    private final List<AclGrant> grants = new ArrayList<>();

    private Preflight(RunStatusConfig config) {
        this.config = config;
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
        aclRole = role == Role.ALL ? AclRole.ALL : role == Role.ROUTING ? AclRole.ROUTING : AclRole.LIFECYCLE;
        if (role.runsRouting()) {
            grants.addAll(RequiredAcls.of(config, AclRole.ROUTING));
        }
        if (role.runsLifecycle()) {
            grants.addAll(RequiredAcls.of(config, AclRole.LIFECYCLE));
        }
        kafka().topics(topics);
        authorized(topics, role);
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
        Set<String> refused = missing.isEmpty() ? Set.of() : admin(admin -> TopicAccess.undescribable(admin, missing));
        if (!refused.isEmpty()) {
            Denials denials = denials();
            throw new PreflightException(grants.isEmpty() ? refused.stream().map(topic -> denials.missing(ResourceType.TOPIC, topic,
                    List.of(AclOperation.DESCRIBE))).collect(Collectors.joining(", ")) + " (so whether " + (refused.size() == 1
                    ? "it exists" : "they exist") + " is not known)" + denials.grantIt() : denials.topics(refused));
        }
        if (!missing.isEmpty()) {
            throw new PreflightException((missing.size() == 1 ? "missing topic: " : "missing topics: ") + String.join(", ", missing)
                    + "; create " + (missing.size() == 1 ? "it" : "them") + " with: runstatus topics create");
        }
        return this;
    }

    /**
     * The running roles may do on their topics what their grants say they need, as far as the broker reports
     * authorized operations, the lifecycle's changelogs included, whether Streams has created them yet or not:
     * otherwise one line naming every missing operation, before anything is consumed.
     */
    private void authorized(List<String> topics, Role role) throws PreflightException {
        List<String> changelogs = role.runsLifecycle() ? RequiredAcls.lifecycleChangelogs(config) : List.of();
        Set<String> refused = changelogs.isEmpty() ? Set.of() : admin(admin -> TopicAccess.undescribable(admin, changelogs));
        if (!refused.isEmpty()) {
            throw new PreflightException(denials().topics(refused));
        }
        List<String> checked = new ArrayList<>(topics);
        changelogs.stream().filter(existingTopics::contains).forEach(checked::add);
        Map<String, List<AclOperation>> missing = admin(admin -> TopicAccess.missing(admin, checked.stream().distinct().toList(), grants));
        if (!missing.isEmpty()) {
            Denials denials = denials();
            throw new PreflightException(missing.entrySet().stream().map(topic -> denials.missing(ResourceType.TOPIC, topic.getKey(),
                    topic.getValue())).collect(Collectors.joining(", ")) + denials.grantIt());
        }
    }

    private Denials denials() {
        return new Denials(Principals.of(config), aclRole, grants);
    }

    private interface AdminCall<T> {
        T apply(Admin admin) throws Exception;
    }

    private <T> T admin(AdminCall<T> call) throws PreflightException {
        try (Admin admin = Admin.create(ClientProperties.common(config))) {
            return call.apply(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightException("interrupted while asking Kafka what " + Principals.of(config) + " may do");
        } catch (Exception e) {
            throw new PreflightException("Kafka did not say what " + Principals.of(config) + " may do within "
                    + timeout.toSeconds() + " s: " + (e.getCause() == null ? e : e.getCause()));
        }
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
