package dev.runstatus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The alerting rules runstatus ships (prometheus/runstatus-alerts.yml), and their PromQL expressions. */
public final class AlertRules {

    public static final Path FILE = Path.of("prometheus", "runstatus-alerts.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AlertRules() {
    }

    public static JsonNode groups() throws IOException {
        return YAML.readTree(FILE.toFile()).path("groups");
    }

    public static List<String> expressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        groups().forEach(group -> group.path("rules").forEach(rule -> expressions.add(rule.path("expr").asText())));
        return expressions;
    }
}
