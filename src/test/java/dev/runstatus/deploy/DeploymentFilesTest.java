package dev.runstatus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.runstatus.acl.AclRole;
import dev.runstatus.acl.RequiredAcls;
import dev.runstatus.acl.StrimziAcls;
import dev.runstatus.app.Pipeline;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.metrics.ObservabilityServer;
import dev.runstatus.ops.TopicPlan;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment files checked as a platform engineer would before deploying, since nothing here can
 * run them: the Compose file against the Compose Specification's schema, both Kustomize layers
 * rendered, every rendered manifest against the API model of its kind, and the values that must agree
 * with the code (ports, probe paths, topics, the shutdown grace period).
 */
class DeploymentFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path BASE = Path.of("k8s", "base");
    private static final Path OVERLAY = Path.of("k8s", "overlays", "example");

    @Test
    void composeFileFollowsTheComposeSpecification() throws IOException {
        JsonNode compose = YAML.readTree(Path.of("docker-compose.yml").toFile());
        assertEquals(List.of(), composeViolations(compose));

        ObjectNode broken = compose.deepCopy();
        ((ObjectNode) broken.path("services").path("runstatus")).put("restart_policy", "always");
        assertFalse(composeViolations(broken).isEmpty(), "the schema check rejects an unknown service key");
    }

    @Test
    void bothKustomizeLayersRenderAndEveryManifestFitsItsKind() throws Exception {
        for (Path layer : List.of(BASE, OVERLAY)) {
            List<JsonNode> manifests = StrictManifests.documents(DeployTools.kustomize(layer));
            assertFalse(manifests.isEmpty(), layer.toString());
            List<String> problems = new ArrayList<>();
            manifests.forEach(manifest -> problems.addAll(StrictManifests.problems(manifest)));
            assertEquals(List.of(), problems, layer.toString());
        }
    }

    @Test
    void theStrictCheckRejectsAnUnknownFieldDeepInAManifest() throws Exception {
        JsonNode deployment = deployment(StrictManifests.documents(DeployTools.kustomize(OVERLAY))).deepCopy();
        ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0))
                .put("livenessProbes", "typo");
        List<String> problems = StrictManifests.problems(deployment);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("livenessProbes"), problems.get(0));
    }

    @Test
    void theOverlayDeploysEveryPartTheCodeExpects() throws Exception {
        List<JsonNode> manifests = StrictManifests.documents(DeployTools.kustomize(OVERLAY));
        Map<String, Integer> kinds = new TreeMap<>();
        manifests.forEach(manifest -> kinds.merge(manifest.path("kind").asText(), 1, Integer::sum));
        assertEquals(Map.ofEntries(Map.entry("ConfigMap", 2), Map.entry("Deployment", 1), Map.entry("Job", 1),
                Map.entry("KafkaTopic", Topic.values().size()), Map.entry("KafkaUser", 2), Map.entry("Namespace", 1), Map.entry("PodDisruptionBudget", 2),
                Map.entry("PrometheusRule", 1), Map.entry("Secret", 2), Map.entry("Service", 3), Map.entry("ServiceMonitor", 2),
                Map.entry("StatefulSet", 1)), kinds);

        Map<String, JsonNode> workloads = Map.of("routing", deployment(manifests), "lifecycle", manifest(manifests, "StatefulSet"));
        workloads.forEach((role, workload) -> {
            JsonNode pod = workload.path("spec").path("template").path("spec");
            JsonNode container = pod.path("containers").get(0);
            List<String> args = new ArrayList<>();
            container.path("args").forEach(arg -> args.add(arg.asText()));
            assertEquals(List.of("run", "--role", role, "--config", "/etc/runstatus/runstatus.properties"), args);
            assertTrue(pod.path("terminationGracePeriodSeconds").asLong() > Pipeline.CLOSE_TIMEOUT.toSeconds(),
                    "pods get longer to stop than Kafka Streams takes to close");
            assertEquals(RunStatusConfig.defaults().get(ConfigKeys.HTTP_PORT), container.path("ports").get(0).path("containerPort").asText());
            assertEquals(ObservabilityServer.LIVE_PATH, container.path("livenessProbe").path("httpGet").path("path").asText());
            assertEquals(ObservabilityServer.READY_PATH, container.path("readinessProbe").path("httpGet").path("path").asText());
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
            assertEquals(3, workload.path("spec").path("replicas").asInt(), role + ": one pod per input partition");
            assertTrue(manifests.stream().anyMatch(other -> other.path("kind").asText().equals("PodDisruptionBudget")
                    && other.path("spec").path("selector").equals(workload.path("spec").path("selector"))), role + " has a PDB");
        });

        JsonNode lifecycle = workloads.get("lifecycle");
        JsonNode headless = manifests.stream().filter(manifest -> manifest.path("kind").asText().equals("Service")
                && manifest.path("metadata").path("name").asText().equals(lifecycle.path("spec").path("serviceName").asText()))
                .findFirst().orElseThrow();
        assertEquals("None", headless.path("spec").path("clusterIP").asText(), "application.server names a pod, not a virtual IP");
        assertEquals("state", lifecycle.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText());
        JsonNode server = environmentVariable(lifecycle, "RUNSTATUS_APPLICATION_SERVER");
        assertEquals("$(POD_NAME)." + headless.path("metadata").path("name").asText() + ".$(POD_NAMESPACE).svc:"
                + RunStatusConfig.defaults().get(ConfigKeys.HTTP_PORT), server.path("value").asText());
        String properties = manifests.stream().filter(manifest -> manifest.path("kind").asText().equals("ConfigMap")
                && manifest.path("data").has("runstatus.properties")).findFirst().orElseThrow()
                .path("data").path("runstatus.properties").asText();
        assertTrue(properties.lines().anyMatch(line -> line.equals(ConfigKeys.LIFECYCLE_STREAMS_PREFIX + "num.standby.replicas=1")),
                properties);
        String tokenFile = properties.lines().filter(line -> line.startsWith(ConfigKeys.QUERY_AUTH_TOKEN_FILE + "="))
                .map(line -> line.substring(line.indexOf('=') + 1)).findFirst().orElseThrow(() -> new AssertionError("the query API needs a token"));
        JsonNode lifecyclePod = lifecycle.path("spec").path("template").path("spec");
        String mount = null;
        for (JsonNode volumeMount : lifecyclePod.path("containers").get(0).path("volumeMounts")) {
            if (volumeMount.path("name").asText().equals("query-token")) {
                mount = volumeMount.path("mountPath").asText();
            }
        }
        assertEquals(Path.of(tokenFile).getParent().toString(), mount, "the token file is where the Secret is mounted");

        Set<String> topics = new TreeSet<>();
        for (JsonNode manifest : manifests) {
            if (manifest.path("kind").asText().equals("KafkaTopic")) {
                topics.add(manifest.path("spec").path("topicName").asText());
                assertEquals(TopicPlan.DEFAULT_PARTITIONS, manifest.path("spec").path("partitions").asInt());
            }
        }
        assertEquals(Topic.values().stream().map(Topic::defaultName).collect(Collectors.toCollection(TreeSet::new)), topics);
    }

    @Test
    void eachRoleHasAKafkaUserWithExactlyTheAclsRunstatusDerivesAndReadsItsSecret() throws Exception {
        List<JsonNode> manifests = StrictManifests.documents(DeployTools.kustomize(OVERLAY));
        RunStatusConfig base = RunStatusConfig.load(Optional.of(BASE.resolve("runstatus.properties")), Map.of(), Map.of());
        Map<String, JsonNode> workloads = Map.of("routing", deployment(manifests), "lifecycle", manifest(manifests, "StatefulSet"));
        for (AclRole role : List.of(AclRole.ROUTING, AclRole.LIFECYCLE)) {
            String name = "runstatus-" + role.id();
            JsonNode user = manifests.stream().filter(manifest -> manifest.path("kind").asText().equals("KafkaUser")
                    && manifest.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow();
            KafkaUser model = new ObjectMapper().treeToValue(user, KafkaUser.class);
            assertEquals(RequiredAcls.of(base, role), StrimziAcls.grants((KafkaUserAuthorizationSimple) model.getSpec().getAuthorization()),
                    name);
            assertEquals(name, environmentVariable(workloads.get(role.id()), "RUNSTATUS_SASL_JAAS_CONFIG").path("valueFrom")
                    .path("secretKeyRef").path("name").asText(), "the Secret the User Operator writes for " + name);
        }
    }

    @Test
    void theDashboardIsValidJsonWhosePanelsAllUseTheDatasourceVariable() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DashboardQueries.FILE));
        List<String> expressions = DashboardQueries.expressions(dashboard);
        assertTrue(expressions.size() >= 8, "panels with queries: " + expressions.size());
        dashboard.path("panels").forEach(panel -> {
            if (panel.has("targets")) {
                assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.path("title").asText());
            }
        });
    }

    private static JsonNode deployment(List<JsonNode> manifests) {
        return manifest(manifests, "Deployment");
    }

    private static JsonNode manifest(List<JsonNode> manifests, String kind) {
        return manifests.stream().filter(manifest -> manifest.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    /** The first container's environment variable of this name. */
    private static JsonNode environmentVariable(JsonNode workload, String name) {
        for (JsonNode variable : workload.path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no environment variable " + name);
    }

    private static List<String> composeViolations(JsonNode compose) throws IOException {
        ObjectNode schemaNode = (ObjectNode) new ObjectMapper().readTree(DeployTools.COMPOSE_SCHEMA.toFile());
        // The schema names draft-07 by an https address validators don't know, and has a relative $id
        // that draft-07 does not allow; the rules themselves are untouched.
        schemaNode.put("$schema", "http://json-schema.org/draft-07/schema#");
        schemaNode.put("$id", "https://github.com/compose-spec/compose-spec/blob/main/schema/compose-spec.json");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
        return schema.validate(compose).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
