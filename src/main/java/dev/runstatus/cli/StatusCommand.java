package dev.runstatus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runstatus.audit.PipelineStatus;
import dev.runstatus.config.ClientProperties;
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
        description = {"The pipeline at a glance: its consumer group's state and members, each input partition's committed"
                + " offset, end offset and lag, the dead letters of the last hour by reason, the output topics' end offsets,"
                + " and with --metrics-url each instance's health answers.",
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
        PipelineStatus status;
        try (Admin admin = Admin.create(ClientProperties.common(config))) {
            status = PipelineStatus.of(admin, ClientProperties.common(config), config.require(StreamsConfig.APPLICATION_ID_CONFIG),
                    config.topics(), Instant.now());
        }
        List<ObjectNode> health = new ArrayList<>();
        for (URI instance : instances) {
            health.add(health(instance));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode json = JSON.valueToTree(status);
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
        out.printf("consumer group %s: %s, %d member%s%n", status.group(), status.state(), status.members().size(),
                status.members().size() == 1 ? "" : "s");
        status.members().forEach(member -> out.printf("  %-60s %-16s %s%n", member.clientId(), member.host(),
                String.join(", ", member.partitions())));
        out.printf("%-34s %12s %12s %10s%n", "input partition", "committed", "end", "lag");
        status.inputs().forEach(lag -> out.printf("  %-32s %12s %12d %10d%n", lag.partition(),
                lag.committed() < 0 ? "-" : Long.toString(lag.committed()), lag.end(), lag.lag()));
        out.printf("  %-32s %12s %12s %10d%n", "total", "", "", status.totalLag());
        long deadLetters = status.deadLettersLastHour().values().stream().mapToLong(Long::longValue).sum();
        out.printf("dead letters in the last hour: %d%n", deadLetters);
        status.deadLettersLastHour().forEach((reason, count) -> out.printf("  %-32s %d%n", reason, count));
        out.println("output topics, end offsets:");
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
