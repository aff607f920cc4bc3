package dev.runstatus.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a scripted Confluent-API server on 127.0.0.1: exact requests out, exact handling of answers. */
class HttpSchemaRegistryTest {

    private static final Schema SCHEMA = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}");

    private record Answer(int status, String body, Duration delay) {
    }

    private HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (requests) {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + " auth=" + exchange.getRequestHeaders().getFirst("Authorization")
                    + " type=" + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
        }
        Answer answer = answers.isEmpty() ? new Answer(500, "{}", Duration.ZERO) : answers.poll();
        try {
            Thread.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void willAnswer(int status, String body) {
        answers.add(new Answer(status, body, Duration.ZERO));
    }

    private HttpSchemaRegistry registry(String path, Optional<String> userInfo) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new HttpSchemaRegistry(new RegistrySettings(url, userInfo, Optional.empty(), Duration.ofMillis(500), 2,
                Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(10)));
    }

    @Test
    void registersUnderAnEncodedSubjectWithThePrefixAuthAndMediaType() {
        willAnswer(200, "{\"id\":7}");
        int id = registry("/apis/ccompat/v7", Optional.of("user:secret")).register("runs raw/x-value", SCHEMA);
        assertEquals(7, id);
        assertEquals(List.of("POST /apis/ccompat/v7/subjects/runs%20raw%2Fx-value/versions auth=Basic dXNlcjpzZWNyZXQ= "
                + "type=application/vnd.schemaregistry.v1+json {\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[]}\"}"),
                requests);
    }

    @Test
    void readsTheOtherCalls() {
        HttpSchemaRegistry registry = registry("", Optional.empty());
        willAnswer(200, "{\"subject\":\"s\",\"version\":3,\"id\":9,\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[]}\"}");
        assertEquals(OptionalInt.of(9), registry.lookup("s", SCHEMA));
        willAnswer(200, "{\"schema\":\"\\\"string\\\"\"}");
        assertEquals(Schema.create(Schema.Type.STRING), registry.schemaById(9));
        willAnswer(200, "{\"subject\":\"s\",\"version\":3,\"id\":9,\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[]}\"}");
        assertEquals(new RegisteredSchema("s", 3, 9, SCHEMA), registry.latest("s").orElseThrow());
        willAnswer(200, "{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE at /fields/0\"]}");
        assertEquals(new Compatibility(false, List.of("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/0")),
                registry.compatibility("s", SCHEMA));
        willAnswer(200, "[\"a-value\",\"b-value\"]");
        assertEquals(List.of("a-value", "b-value"), registry.subjects());
        willAnswer(200, "[1,2,3]");
        assertEquals(List.of(1, 2, 3), registry.versions("s"));
        willAnswer(200, "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        registry.setCompatibility("s", "FULL_TRANSITIVE");
        assertEquals(List.of("POST /subjects/s", "GET /schemas/ids/9", "GET /subjects/s/versions/latest",
                "POST /compatibility/subjects/s/versions/latest", "GET /subjects", "GET /subjects/s/versions", "PUT /config/s"),
                requests.stream().map(request -> request.substring(0, request.indexOf(" auth="))).toList());
        assertTrue(requests.get(6).endsWith("{\"compatibility\":\"FULL_TRANSITIVE\"}"), requests.get(6));
    }

    @Test
    void notFoundIsAnAnswerNotAnError() {
        HttpSchemaRegistry registry = registry("", Optional.empty());
        willAnswer(404, "{\"error_code\":40401,\"message\":\"Subject 's' not found.\"}");
        assertEquals(OptionalInt.empty(), registry.lookup("s", SCHEMA));
        willAnswer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        assertEquals(OptionalInt.empty(), registry.lookup("s", SCHEMA));
        willAnswer(404, "{\"error_code\":40401,\"message\":\"Subject 's' not found.\"}");
        assertEquals(Optional.empty(), registry.latest("s"));
        willAnswer(404, "{\"error_code\":40401,\"message\":\"Subject 's' not found.\"}");
        assertTrue(registry.compatibility("s", SCHEMA).compatible());
        willAnswer(404, "{\"error_code\":40402,\"message\":\"No version 'latest' found for artifact with ID 's'\"}");
        assertTrue(registry.compatibility("s", SCHEMA).compatible());
    }

    @Test
    void aClientErrorIsFinalAndCarriesTheConfluentCode() {
        willAnswer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");
        willAnswer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        RegistryException error = assertThrows(RegistryException.class, () -> registry("", Optional.empty()).register("s", SCHEMA));
        assertFalse(error instanceof RegistryUnavailableException);
        assertEquals(409, error.status());
        assertEquals(409, error.errorCode());
        assertTrue(error.getMessage().contains("Schema being registered is incompatible"), error.getMessage());
        assertEquals(List.of("POST /subjects/s/versions", "POST /subjects/s"),
                requests.stream().map(request -> request.substring(0, request.indexOf(" auth="))).toList(),
                "after a conflict, one look whether the schema is there; no retry");
    }

    @Test
    void aConflictBecauseAnotherInstanceRegisteredTheSameSchemaFirstIsASuccess() {
        willAnswer(409, "{\"error_code\":409,\"message\":\"An artifact with ID 's' in group 'null' already exists.\"}");
        willAnswer(200, "{\"subject\":\"s\",\"version\":1,\"id\":7,\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[]}\"}");
        assertEquals(7, registry("", Optional.empty()).register("s", SCHEMA));
        assertEquals(2, requests.size());
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        willAnswer(503, "{}");
        willAnswer(500, "{}");
        willAnswer(200, "{\"id\":4}");
        assertEquals(4, registry("", Optional.empty()).register("s", SCHEMA));
        assertEquals(3, requests.size());
    }

    @Test
    void aRegistryThatKeepsFailingIsUnavailableAfterTheLastRetry() {
        RegistryUnavailableException error = assertThrows(RegistryUnavailableException.class,
                () -> registry("", Optional.empty()).register("s", SCHEMA));
        assertEquals(3, requests.size());
        assertTrue(error.getMessage().contains("failed after 3 attempts: HTTP 500"), error.getMessage());
    }

    @Test
    void aSlowRegistryTimesOut() {
        for (int i = 0; i < 3; i++) {
            answers.add(new Answer(200, "{\"id\":1}", Duration.ofMillis(1_500)));
        }
        assertThrows(RegistryUnavailableException.class, () -> registry("", Optional.empty()).register("s", SCHEMA));
    }

    @Test
    void aClosedPortIsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HttpSchemaRegistry registry = new HttpSchemaRegistry(new RegistrySettings(URI.create("http://127.0.0.1:" + port),
                Optional.empty(), Optional.empty(), Duration.ofMillis(500), 1, Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofSeconds(10)));
        assertThrows(RegistryUnavailableException.class, () -> registry.register("s", SCHEMA));
    }

    @Test
    void mockUrlsShareOneInMemoryRegistryPerScope() {
        SchemaRegistry first = SchemaRegistries.connect(RegistrySettings.defaults(URI.create("mock://http-test")));
        SchemaRegistry second = SchemaRegistries.connect(RegistrySettings.defaults(URI.create("mock://http-test")));
        int id = first.register("s", SCHEMA);
        assertEquals(OptionalInt.of(id), second.lookup("s", SCHEMA));
        assertThrows(IllegalArgumentException.class,
                () -> SchemaRegistries.connect(RegistrySettings.defaults(URI.create("ftp://127.0.0.1"))));
    }
}
