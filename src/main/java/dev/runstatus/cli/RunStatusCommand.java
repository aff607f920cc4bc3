package dev.runstatus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.lifecycle.Lifecycle;
import dev.runstatus.query.Answer;
import dev.runstatus.query.RunQueries;
import dev.runstatus.schema.Family;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Asks a running instance's query API for one run, as {@code GET /runs/{runId}} answers it. */
@Command(name = "run-status", mixinStandardHelpOptions = true,
        description = {"The current state of one run (or, with --family auth-session-result, one auth-session creation):"
                + " its status and since when, its first and latest report, the number of reports and every status with its time,"
                + " asked of a running instance's query API; any instance answers for any run.",
                "Exit code 0, 1 when no instance keeps the run, or 2 when the instance cannot be reached or is not running."},
        footer = {"", "Examples:", "  runstatus run-status V1StGXR8_Z5jdHi6B-myT",
                "  runstatus run-status --family auth-session-result op-42 --url http://10.0.0.7:9464 --format json"})
final class RunStatusCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    OutputFormat output;

    @Parameters(index = "0", paramLabel = "KEY", description = "The run id (the key of the branch topics), or an auth session's operation key.")
    String key;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:9464",
            description = "An instance's HTTP base URL, the one of its metrics and health (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--family", paramLabel = "FAMILY", defaultValue = "run-result", converter = FamilyConverter.class,
            description = "run-result (default) or auth-session-result.")
    Family family;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file with the bearer token the query API requires (runstatus.query.auth.token.file on the instance).")
    Path tokenFile;

    @Override
    public Integer call() throws Exception {
        URI target = URI.create(url.toString().replaceAll("/+$", "") + RunQueries.pathOf(Lifecycle.of(family), key));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(TIMEOUT).GET();
        if (tokenFile != null) {
            request.header("Authorization", "Bearer " + Files.readString(tokenFile, StandardCharsets.UTF_8).trim());
        }
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException("cannot reach the instance at " + url + " (connection refused); is `runstatus run` running there?", e);
        } catch (HttpTimeoutException e) {
            throw new IOException("the instance at " + url + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new IOException("cannot reach the instance at " + url + " (" + RunStatusCli.describe(e) + "); is `runstatus run` running there?", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException notJson) {
            throw new IOException("the server at " + url + " answered " + answer.statusCode()
                    + " with something other than runstatus's query API; is --url the instance's HTTP port?", notJson);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (answer.statusCode() == 200) {
            out.println(output.json() ? body.toString() : text(body));
            out.flush();
            return ExitCodes.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: " + body.path("error").asText("the instance answered " + answer.statusCode()));
        err.flush();
        return answer.statusCode() == 404 && Answer.RUN_NOT_FOUND.equals(body.path("code").asText())
                ? ExitCodes.INVALID : ExitCodes.USAGE_OR_IO;
    }

    private static String text(JsonNode state) {
        StringBuilder text = new StringBuilder();
        text.append(state.path("key").asText()).append("  ").append(state.path("status").asText())
                .append(state.path("terminal").asBoolean() ? " (final)" : " (in flight)")
                .append(" since ").append(state.path("statusSince").asText()).append('\n');
        text.append("  first seen   ").append(state.path("firstSeen").asText()).append('\n');
        text.append("  last report  ").append(state.path("lastReport").asText()).append('\n');
        text.append("  reports      ").append(state.path("reports").asLong()).append('\n');
        if (!state.path("stalledAt").isNull()) {
            text.append("  stalled at   ").append(state.path("stalledAt").asText()).append('\n');
        }
        text.append("  history");
        state.path("history").forEach(report -> text.append("\n    ").append(report.path("at").asText()).append("  ")
                .append(report.path("status").asText()));
        return text.toString();
    }
}
