package dev.runstatus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runstatus.audit.PipelineStatus;
import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.Role;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topic;
import dev.runstatus.metrics.ObservabilityServer;
import dev.runstatus.preflight.Preflight;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"The pipeline at a glance: for the routing's consumer group and the lifecycle's, its state and"
                + " members and each input partition's committed offset, end offset and lag; the dead letters of the last hour"
                + " by reason, the output topics' end offsets, and with --metrics-url each instance's health answers.",
                "Exit code 0, or 2 when the cluster cannot be reached."},
        footer = {"", "Examples:", "  runstatus status", "  runstatus status --metrics-url http://127.0.0.1:9464 --format json"})
final class StatusCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputFormat output;

    @Option(names = "--metrics-url", paramLabel = "URL", description = "An instance's metrics and health base URL"
            + " (http://HOST:9464); repeat for more.")
    List<URI> instances = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        RunStatusConfig config = connection.config();
        List<String> topics = new ArrayList<>();
        Topic.INPUTS.forEach(topic -> topics.add(config.topics().name(topic)));
        Topic.OUTPUTS.forEach(topic -> topics.add(config.topics().name(topic)));
        Preflight.of(config).kafka().topics(topics);
        List<PipelineStatus.GroupSpec> groups = new ArrayList<>();
        groups.add(new PipelineStatus.GroupSpec(Role.ROUTING.id(), config.require(StreamsConfig.APPLICATION_ID_CONFIG),
                Topic.INPUTS.stream().map(config.topics()::name).toList()));
        if (config.lifecycleEnabled()) {
            groups.add(new PipelineStatus.GroupSpec(Role.LIFECYCLE.id(), config.lifecycleApplicationId(), Preflight.branchTopics(config)));
        }
        PipelineStatus status;
        try (Admin admin = Admin.create(ClientProperties.common(config))) {
            status = PipelineStatus.of(admin, ClientProperties.common(config), groups, config.topics(), Instant.now());
        }
        List<ObjectNode> health = new ArrayList<>();
        for (URI instance : instances) {
            health.add(health(instance));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode json = JSON.valueToTree(status);
            for (int i = 0; i < status.groups().size(); i++) {
                ((ObjectNode) json.path("groups").get(i)).put("totalLag", status.groups().get(i).totalLag());
            }
            json.put("totalLag", status.totalLag());
            json.putArray("instances").addAll(health);
            out.println(json);
        } else {
            print(status, health, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static ObjectNode health(URI instance) {
        ObjectNode node = JSON.createObjectNode().put("url", instance.toString());
        for (String path : List.of(ObservabilityServer.LIVE_PATH, ObservabilityServer.READY_PATH)) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(instance.resolve(path)).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                ObjectNode result = node.putObject(name).put("httpStatus", answer.statusCode());
                result.set("answer", readOrText(answer.body()));
            } catch (IOException e) {
                node.putObject(name).put("error", "unreachable: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.putObject(name).put("error", "interrupted");
            }
        }
        return node;
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static void print(PipelineStatus status, List<ObjectNode> health, PrintWriter out) {
        for (PipelineStatus.Group group : status.groups()) {
            out.printf("%s: consumer group %s: %s, %d member%s%n", group.role(), group.group(), group.state(), group.members().size(),
                    group.members().size() == 1 ? "" : "s");
            group.members().forEach(member -> out.printf("  %-60s %-16s %s%n", member.clientId(), member.host(),
                    String.join(", ", member.partitions())));
            out.printf("  %-32s %12s %12s %10s%n", "input partition", "committed", "end", "lag");
            group.inputs().forEach(lag -> out.printf("  %-32s %12s %12d %10d%n", lag.partition(),
                    lag.committed() < 0 ? "-" : Long.toString(lag.committed()), lag.end(), lag.lag()));
            out.printf("  %-32s %12s %12s %10d%n", "total", "", "", group.totalLag());
        }
        long deadLetters = status.deadLettersLastHour().values().stream().mapToLong(Long::longValue).sum();
        out.printf("dead letters in the last hour: %d%n", deadLetters);
        status.deadLettersLastHour().forEach((reason, count) -> out.printf("  %-32s %d%n", reason, count));
        out.println("output topics, end offsets (they count transaction markers too, not records alone):");
        status.outputEnds().forEach((topic, end) -> out.printf("  %-32s %d%n", topic, end));
        if (!health.isEmpty()) {
            out.println("instances:");
        }
        for (ObjectNode instance : health) {
            out.printf("  %s  live %s  ready %s%n", instance.path("url").asText(), answer(instance.path("live")),
                    answer(instance.path("ready")));
        }
    }

    private static String answer(JsonNode result) {
        if (result.has("error")) {
            return result.path("error").asText();
        }
        JsonNode answer = result.path("answer");
        return result.path("httpStatus").asInt() + " " + answer.path("status").asText()
                + (answer.has("reason") ? " (" + answer.path("reason").asText() + ": " + answer.path("detail").asText() + ")" : "");
    }
}
