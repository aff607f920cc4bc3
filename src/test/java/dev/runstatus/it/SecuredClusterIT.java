package dev.runstatus.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.Topic;
import dev.runstatus.config.TopicNames;
import dev.runstatus.config.Topics;
import dev.runstatus.embedded.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every role and command against a broker with SASL_SSL (SCRAM-SHA-512), mutual TLS and an authorizer,
 * each principal holding exactly the bindings `runstatus acls` derives; then each routing binding taken
 * away in turn, a write revoked under a running routing, a wrong password and an untrusted certificate.
 */
class SecuredClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FAILURE_BOUND = Duration.ofSeconds(20);
    private static final Duration PROCESSED = Duration.ofSeconds(90);
    /** A role that starts, joins its group and then is refused: its start and the failure's bound. */
    private static final Duration STARTED_AND_FAILED = Duration.ofSeconds(60);
    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final String REPLAY_PREFIX = "audit.";

    @TempDir
    static Path directory;
    private static SecuredBroker broker;
    private static int published;

    @BeforeAll
    static void startTheSecuredClusterAndGrantEachRoleItsBindings() throws Exception {
        broker = SecuredBroker.start(directory.resolve("broker"));
        for (String user : List.of("routing", "lifecycle", "operator", "nobody")) {
            broker.addScramUser(user, password(user));
        }
        grant(bindings("routing", "routing"));
        grant(bindings("lifecycle", "lifecycle"));
        grant(bindings("operator", "operator", "--replay-into", REPLAY_PREFIX));
        grant(bindings(SecuredBroker.TLS_USER, "operator"));
        Cli created = Cli.run("topics", "create", "--config=" + sasl("operator"));
        assertEquals(0, created.exitCode(), created.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void withTheDerivedBindingsBothRolesTheQueryApiAndEveryCommandWork() throws Exception {
        int routingPort = FreePorts.loopback();
        int lifecyclePort = FreePorts.loopback();
        try (JarProcess routing = run("routing", routingPort); JarProcess lifecycle = run("lifecycle", lifecyclePort)) {
            awaitReady(routing, routingPort);
            awaitReady(lifecycle, lifecyclePort);
            assertTrue(routing.out().contains("  Kafka            " + broker.saslBootstrap() + "  as User:routing (SASL_SSL)\n"),
                    routing.out());
            produce(300);
            awaitEveryInputRouted();

            Path operator = sasl("operator");
            assertBalanced(operator);
            Instant deadline = Instant.now().plus(PROCESSED);
            while (!Scrape.get(lifecyclePort, "/runs?limit=1").body().contains("\"key\"") && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            var runs = Scrape.get(lifecyclePort, "/runs?limit=1");
            assertEquals(200, runs.statusCode(), runs.body());
            assertTrue(runs.body().contains("\"key\""), runs.body());

            Cli status = Cli.run("status", "--config=" + operator);
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().contains("routing: consumer group runstatus: Stable, 1 member"), status.out());
            assertTrue(status.out().contains("lifecycle: consumer group runstatus-lifecycle: Stable, 1 member"), status.out());
            Cli tail = Cli.run("tail", "--config=" + operator, "-t", TOPICS.name(Topics.RUN_RESULTS_COMPLETED), "--from-beginning", "--max", "1");
            assertEquals(0, tail.exitCode(), tail.toString());
            assertTrue(tail.out().startsWith("{\"topic\":\"" + TOPICS.name(Topics.RUN_RESULTS_COMPLETED) + "\""), tail.out());
            Cli replay = Cli.run("replay", "--config=" + operator, "--family", "run-result", "--from-offsets", "0:0,1:0,2:0",
                    "--to-offsets", "0:20,1:20,2:20", "--into", REPLAY_PREFIX);
            assertEquals(0, replay.exitCode(), replay.toString());
            Cli reconcileReplay = Cli.run("reconcile", "--config=" + operator, "--family", "run-result", "--prefix", REPLAY_PREFIX,
                    "--from-offsets", "0:0,1:0,2:0", "--to-offsets", "0:20,1:20,2:20");
            assertEquals(0, reconcileReplay.exitCode(), reconcileReplay.toString());
            Cli redrive = Cli.run("redrive", "--config=" + operator, "--dry-run");
            assertEquals(0, redrive.exitCode(), redrive.toString());
            Cli overTls = Cli.run("status", "--config=" + tls());
            assertEquals(0, overTls.exitCode(), overTls.toString());
            Cli described = Cli.run("topics", "describe", "--config=" + operator);
            assertFalse(described.out().contains("NOT AUTHORIZED") || described.out().contains("MISSING"), described.out());
            Cli resetPlan = Cli.run("reset", "--role", "routing", "--dry-run", "--config=" + operator);
            assertEquals(2, resetPlan.exitCode(), resetPlan.toString());
            assertTrue(resetPlan.err().startsWith("error: the routing's group runstatus has 1 member ("), resetPlan.err());

            for (JarProcess role : List.of(routing, lifecycle)) {
                role.signal("TERM");
                assertEquals(143, role.awaitExit(Duration.ofSeconds(60)), role.err());
                for (String user : List.of("routing", "lifecycle")) {
                    assertFalse((role.out() + role.err()).contains(password(user)), "a password in the output:\n" + role.err());
                }
            }
        }
    }

    @Test
    void eachGrantOfEitherRoleTakenAwayIsOneLineNamingIt() throws Exception {
        for (String role : List.of("routing", "lifecycle")) {
            Map<ResourcePattern, List<AclBinding>> grants = bindings(role, role).stream()
                    .collect(Collectors.groupingBy(AclBinding::pattern, LinkedHashMap::new, Collectors.toList()));
            for (Map.Entry<ResourcePattern, List<AclBinding>> grant : grants.entrySet()) {
                grant.getValue().forEach(SecuredClusterIT::revoke);
                try {
                    assertRefused(role, grant.getKey(), grant.getValue().stream().map(binding -> binding.entry().operation().name())
                            .collect(Collectors.joining(" or ")));
                } finally {
                    grant(grant.getValue());
                }
            }
        }
        try (JarProcess routing = run("routing-granted-again", FreePorts.loopback())) {
            awaitEveryInputRouted();
            assertBalanced(sasl("operator"));
        }
    }

    /**
     * Without a grant on a topic, its own or an internal one, the role's preflight refuses it (exit 2); without
     * its group or its transactional ids, it starts and stops on the broker's refusal (exit 3). One line either
     * way, naming the principal, the operations and each resource.
     */
    private static void assertRefused(String role, ResourcePattern resource, String operations) throws Exception {
        String name = role + "-without-" + resource.resourceType() + "-" + resource.name();
        String grantIt = "; grant it (runstatus acls --role " + role + " prints every binding)";
        if (resource.resourceType() == ResourceType.TOPIC) {
            List<String> topics = resource.patternType() == PatternType.LITERAL ? List.of(resource.name())
                    : Stream.of("auth-session-result", "run-result").map(family -> resource.name() + family + "-lifecycle-changelog").toList();
            Cli refused = refusedAtPreflight(settings(name, FreePorts.loopback()));
            assertEquals(2, refused.exitCode(), refused.toString());
            assertEquals("error: " + topics.stream().map(topic -> "User:" + role + " may not " + operations + " topic " + topic)
                    .collect(Collectors.joining(", ")) + grantIt + "\n", refused.err());
            return;
        }
        try (JarProcess running = run(name, FreePorts.loopback())) {
            produce(10);
            assertEquals(3, running.awaitExit(STARTED_AND_FAILED), running.err());
            String refused = resource.resourceType() == ResourceType.GROUP ? operations + " group " + resource.name()
                    : operations + " transactional ids starting with " + resource.name();
            assertEquals(List.of("error: the " + role + " stopped: not-authorized: User:" + role + " may not " + refused + grantIt),
                    errorLines(running));
        }
    }

    @Test
    void aWriteRevokedUnderTheRunningRoutingStopsItInOneLineAndLosesNothing() throws Exception {
        int port = FreePorts.loopback();
        AclBinding write = new AclBinding(new ResourcePattern(ResourceType.TOPIC, TOPICS.name(Topics.RUN_RESULTS_COMPLETED), PatternType.LITERAL),
                new AccessControlEntry("User:routing", "*", AclOperation.WRITE, AclPermissionType.ALLOW));
        try (JarProcess routing = run("routing-revoked", port)) {
            awaitReady(routing, port);
            produce(100);
            awaitEveryInputRouted();
            revoke(write);
            try {
                produce(100);
                assertEquals(3, routing.awaitExit(FAILURE_BOUND), routing.err());
                assertEquals(List.of("error: the routing stopped: not-authorized: User:routing may not WRITE topic "
                        + TOPICS.name(Topics.RUN_RESULTS_COMPLETED) + "; grant it (runstatus acls --role routing prints every binding)"),
                        errorLines(routing));
            } finally {
                grant(List.of(write));
            }
        }
        try (JarProcess routing = run("routing-restored", FreePorts.loopback())) {
            awaitEveryInputRouted();
            assertBalanced(sasl("operator"));
        }
    }

    @Test
    void aWrongPasswordAnUntrustedCertificateAndAnUndescribableTopicAreEachOneLine() throws Exception {
        Path wrong = directory.resolve("wrong.properties");
        Map<String, String> wrongPassword = new HashMap<>(broker.saslClient("operator", "not-the-password"));
        Cli.propertiesFile(wrongPassword, wrong);
        JarProcess refused = JarProcess.runToEnd(directory, "wrong-password", FAILURE_BOUND, "status", "--config", wrong.toString());
        assertEquals(2, refused.exitCode());
        assertEquals("", refused.out());
        assertEquals("error: authentication failed for user operator (SCRAM-SHA-512) at Kafka " + broker.saslBootstrap()
                + ": Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512\n", refused.err());

        Path untrusted = directory.resolve("untrusted.properties");
        Map<String, String> otherCa = new HashMap<>(broker.saslClient("operator", password("operator")));
        otherCa.put("ssl.truststore.location", broker.untrustedTruststore().toString());
        Cli.propertiesFile(otherCa, untrusted);
        JarProcess handshake = JarProcess.runToEnd(directory, "untrusted", FAILURE_BOUND, "status", "--config", untrusted.toString());
        assertEquals(2, handshake.exitCode());
        assertEquals("error: TLS handshake with Kafka at " + broker.saslBootstrap() + " failed: unable to find valid certification path to"
                + " requested target (the broker's certificate is not signed by a CA in ssl.truststore.location "
                + broker.untrustedTruststore() + ")\n", handshake.err());

        JarProcess list = JarProcess.runToEnd(directory, "nobody-list", FAILURE_BOUND, "topics", "list", "--config", sasl("nobody").toString());
        assertEquals(0, list.exitCode(), list.err());
        assertEquals(Topic.values().stream().map(topic -> TOPICS.name(topic) + " not authorized").toList(),
                list.out().lines().skip(1).map(line -> line.trim().replaceAll(" +", " ")).toList());
        JarProcess status = JarProcess.runToEnd(directory, "nobody-status", FAILURE_BOUND, "status", "--config", sasl("nobody").toString());
        assertEquals(2, status.exitCode());
        assertTrue(status.err().startsWith("error: User:nobody may not DESCRIBE topic "), status.err());
        assertEquals(1, status.err().lines().count(), status.err());
    }

    /** The bindings `runstatus acls --format json` prints for the user in that role. */
    private static List<AclBinding> bindings(String user, String role, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("acls", "--principal", "User:" + user, "--role", role, "--format", "json"));
        args.addAll(List.of(more));
        Cli acls = Cli.run(args.toArray(String[]::new));
        assertEquals(0, acls.exitCode(), acls.toString());
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode grant : JSON.readTree(acls.out())) {
            ResourcePattern pattern = new ResourcePattern(ResourceType.fromString(grant.get("resourceType").asText()),
                    grant.get("name").asText(), PatternType.fromString(grant.get("patternType").asText()));
            for (JsonNode operation : grant.get("operations")) {
                bindings.add(new AclBinding(pattern, new AccessControlEntry(grant.get("principal").asText(), "*",
                        AclOperation.fromString(operation.asText()), AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    /** Creates the bindings and waits until the broker lists them: creation returns before the authorizer has them. */
    private static void grant(List<AclBinding> bindings) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createAcls(bindings).all().get();
            awaitAcls(admin, bindings, true);
        }
    }

    private static void revoke(AclBinding binding) {
        try (Admin admin = broker.admin()) {
            admin.deleteAcls(List.of(binding.toFilter())).all().get();
            awaitAcls(admin, List.of(binding), false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot revoke " + binding, e);
        }
    }

    private static void awaitAcls(Admin admin, List<AclBinding> bindings, boolean present) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            Set<AclBinding> listed = Set.copyOf(admin.describeAcls(AclBindingFilter.ANY).values().get());
            if (bindings.stream().allMatch(binding -> listed.contains(binding) == present)) {
                return;
            }
            assertTrue(Instant.now().isBefore(deadline), "the broker did not list " + bindings + " as " + (present ? "granted" : "revoked"));
            Thread.sleep(100);
        }
    }

    /** {@code run} in this JVM, which the preflight must end within the bound: were it to start, the test fails rather than waits. */
    private static Cli refusedAtPreflight(Path settings) throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            return runner.submit(() -> Cli.run("run", "--config=" + settings)).get(FAILURE_BOUND.toSeconds(), TimeUnit.SECONDS);
        } finally {
            runner.shutdownNow();
        }
    }

    /** {@code run} of the role the name starts with, as a process of its own, its health on {@code port}. */
    private static JarProcess run(String name, int port) throws Exception {
        return JarProcess.start(directory, name, "run", "--config", settings(name, port).toString());
    }

    private static Path settings(String name, int port) throws Exception {
        String user = name.startsWith("lifecycle") ? "lifecycle" : "routing";
        Map<String, String> settings = client(broker.saslClient(user, password(user)));
        settings.put(ConfigKeys.HTTP_PORT, Integer.toString(port));
        settings.put(ConfigKeys.ROLE, user);
        settings.put("state.dir", directory.resolve("state-" + name).toString());
        return Cli.propertiesFile(settings, directory.resolve(name + ".properties"));
    }

    private static void awaitReady(JarProcess role, int port) throws Exception {
        Instant deadline = Instant.now().plus(PROCESSED);
        while (true) {
            try {
                if (Scrape.get(port, "/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                assertTrue(JarProcess.running(role.pid()), "exited:\n" + role.err());
            }
            assertTrue(Instant.now().isBefore(deadline), "not ready within " + PROCESSED + ":\n" + role.err());
            Thread.sleep(200);
        }
    }

    private static void produce(int documents) throws Exception {
        Cli produce = Cli.run("produce", "--config=" + sasl("operator"), "--synthetic", "--count", Integer.toString(documents),
                "--rate", "2000", "--seed", Integer.toString(published));
        assertEquals(0, produce.exitCode(), produce.toString());
        published += documents;
    }

    /** Waits, as the broker's super user, until every input record has its one branch record or dead letter. */
    private static void awaitEveryInputRouted() {
        List<String> inputs = Topic.INPUTS.stream().map(TOPICS::name).toList();
        List<String> outcomes = Topic.OUTPUTS.stream().filter(topic -> topic != Topics.RUN_RESULTS_EXTENDED_PAYLOADS).map(TOPICS::name).toList();
        int records = TopicReader.readAll(broker.internalBootstrap(), inputs, PROCESSED).size();
        int routed = TopicReader.readUntil(broker.internalBootstrap(), outcomes, read -> read.size() >= records, PROCESSED).size();
        assertEquals(records, routed, "outcomes of " + records + " input records");
    }

    private static void assertBalanced(Path operator) {
        assertEquals(published, Cli.reconcileEveryFamily(operator));
    }

    /** What a role printed as errors: its `error:` lines. */
    private static List<String> errorLines(JarProcess role) throws Exception {
        return role.err().lines().filter(line -> line.startsWith("error:")).collect(Collectors.toList());
    }

    private static Path sasl(String user) throws Exception {
        return Cli.propertiesFile(client(broker.saslClient(user, password(user))), directory.resolve(user + "-client.properties"));
    }

    private static Path tls() throws Exception {
        return Cli.propertiesFile(client(broker.tlsClient()), directory.resolve("tls-client.properties"));
    }

    private static Map<String, String> client(Map<String, String> kafka) {
        Map<String, String> settings = new HashMap<>(kafka);
        settings.put(ConfigKeys.SCHEMA_REGISTRY_URL, RealCluster.runtime().registryUrl().toString());
        settings.put(ConfigKeys.AUTO_REGISTER_SCHEMAS, "true");
        settings.put(ConfigKeys.HTTP_HOST, "127.0.0.1");
        return settings;
    }

    private static String password(String user) {
        return "secret-of-" + user;
    }
}
