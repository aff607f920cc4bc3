package dev.runstatus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alerting rules, checked by Prometheus's own promtool, the same for docker-compose and Kubernetes,
 * and loaded by the compose Prometheus. (MetricsIT checks that every metric they name is exported.)
 */
class AlertRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path PROMTOOL = DeployTools.HOME.resolve("bin/promtool");

    @Test
    void promtoolAcceptsTheRulesAndRejectsABrokenOne() throws Exception {
        assertEquals("Checking " + AlertRules.FILE + "\n  SUCCESS: 8 rules found\n\n", promtool(AlertRules.FILE).output());
        String broken = Files.readString(AlertRules.FILE).replace("max by (instance) (runstatus_blocked{reason=\"stalled\"}) == 1",
                "max by (instance) (runstatus_blocked{reason=\"stalled\"} == 1");
        Path copy = Files.writeString(Files.createTempFile(DeployTools.HOME, "broken", ".yml"), broken);
        Checked checked = promtool(copy);
        assertNotEquals(0, checked.exitCode());
        assertTrue(checked.output().contains("unclosed left parenthesis"), checked.output());
    }

    @Test
    void kubernetesGetsTheSameGroupsAsCompose() throws Exception {
        JsonNode rule = StrictManifests.documents(DeployTools.kustomize(Path.of("k8s", "base"))).stream()
                .filter(manifest -> manifest.path("kind").asText().equals("PrometheusRule")).findFirst().orElseThrow();
        assertEquals(AlertRules.groups(), rule.path("spec").path("groups"));
    }

    @Test
    void theComposePrometheusLoadsTheRules() throws IOException {
        JsonNode compose = YAML.readTree(Path.of("docker-compose.yml").toFile());
        assertEquals("./" + AlertRules.FILE, compose.path("configs").path("prometheus-rules").path("file").asText());
        JsonNode mounted = compose.path("services").path("prometheus").path("configs");
        String target = "";
        for (JsonNode config : mounted) {
            if (config.path("source").asText().equals("prometheus-rules")) {
                target = config.path("target").asText();
            }
        }
        JsonNode prometheus = YAML.readTree(compose.path("configs").path("prometheus-config").path("content").asText());
        assertEquals(List.of(target), YAML.convertValue(prometheus.path("rule_files"), List.class));
    }

    private record Checked(int exitCode, String output) {
    }

    private static Checked promtool(Path rules) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", rules.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish in 60 s");
        }
        return new Checked(process.exitValue(), output);
    }
}
