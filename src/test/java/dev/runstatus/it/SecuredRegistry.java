package dev.runstatus.it;

import com.sun.net.httpserver.HttpServer;
import dev.runstatus.embedded.EmbeddedRegistry;
import dev.runstatus.embedded.FreePorts;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Apicurio registry, as the embedded runtime runs it, but served over HTTPS with a certificate this
 * test makes (keytool), and requiring credentials: Apicurio exchanges the basic-auth user and password
 * for a token at a token endpoint, which here is a stub in the test that signs a JWT with a key whose
 * public half the registry is given. Wrong credentials get the registry's own 401.
 */
final class SecuredRegistry implements AutoCloseable {

    static final String USER = "runstatus";
    static final String PASSWORD = "s3cret";
    static final String STORE_PASSWORD = "changeit";

    private final Path directory;
    private final int port;
    private final KeyPair signingKey;
    private final HttpServer tokenEndpoint;
    private Process process;

    private SecuredRegistry(Path directory) throws Exception {
        this.directory = directory;
        this.port = FreePorts.loopback();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.signingKey = generator.generateKeyPair();
        this.tokenEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokenEndpoint.createContext("/token", exchange -> {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean valid = USER.equals(form.get("client_id")) && PASSWORD.equals(form.get("client_secret"));
            byte[] body = (valid ? "{\"access_token\":\"" + token() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
                    : "{\"error\":\"unauthorized_client\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(valid ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tokenEndpoint.start();
    }

    static SecuredRegistry start(Path directory) throws Exception {
        SecuredRegistry registry = new SecuredRegistry(Files.createDirectories(directory));
        try {
            registry.makeCertificates();
            registry.launch();
        } catch (Exception e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + port + EmbeddedRegistry.CONFLUENT_API_PATH);
    }

    /** A PKCS12 truststore that holds the registry's certificate. */
    Path truststore() {
        return directory.resolve("truststore.p12");
    }

    private void makeCertificates() throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-storetype", "PKCS12", "-keystore", directory.resolve("server.p12").toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "registry", "-keystore", directory.resolve("server.p12").toString(),
                "-storepass", STORE_PASSWORD, "-file", directory.resolve("server.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", directory.resolve("server.crt").toString(),
                "-storetype", "PKCS12", "-keystore", truststore().toString(), "-storepass", STORE_PASSWORD);
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("keytool.log").toFile())).start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + command + "; see " + directory.resolve("keytool.log"));
        }
    }

    private void launch() throws Exception {
        Path home = EmbeddedRegistry.locateHome();
        Path runner;
        try (var files = Files.list(home)) {
            runner = files.filter(file -> file.getFileName().toString().endsWith("-runner.jar")).findFirst().orElseThrow();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.http.port=" + FreePorts.loopback(), "-Dquarkus.http.ssl-port=" + port,
                "-Dquarkus.http.ssl.certificate.key-store-file=" + directory.resolve("server.p12"),
                "-Dquarkus.http.ssl.certificate.key-store-password=" + STORE_PASSWORD,
                "-Dquarkus.http.ssl.certificate.key-store-file-type=PKCS12", "-Dquarkus.http.insecure-requests=disabled",
                "-Dregistry.auth.enabled=true", "-Dquarkus.oidc.auth-server-url=",
                "-Dquarkus.oidc.public-key=" + Base64.getEncoder().encodeToString(signingKey.getPublic().getEncoded()),
                "-Dregistry.auth.basic-auth-client-credentials.enabled=true",
                "-Dregistry.auth.token.endpoint=http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token",
                "-jar", runner.toString());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("registry.log").toFile()).start();
        awaitAnswer();
    }

    /** Up once it answers at all over TLS: without credentials that answer is 401. */
    private void awaitAnswer() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting()).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects")).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("the secured registry exited; see " + directory.resolve("registry.log"));
            }
            try {
                client.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IOException("the secured registry did not answer within 120 s; see " + directory.resolve("registry.log"));
    }

    private SSLContext trusting() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore())) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private String token() {
        long now = Instant.now().getEpochSecond();
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = base64Url("{\"sub\":\"" + USER + "\",\"preferred_username\":\"" + USER + "\",\"azp\":\"" + USER
                + "\",\"iss\":\"runstatus-test\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey.getPrivate());
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        tokenEndpoint.stop(0);
    }
}
