package dev.runstatus.registry;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Mutual TLS to the registry with the keystore keys: a server that demands a client certificate answers
 * when the keystore holds one it trusts, and not otherwise. (Apicurio fixes client authentication when it
 * is built, so this server is the JDK's, with certificates keytool makes.)
 */
class RegistryTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path directory;

    @Test
    void aKeystoreMakesTheClientKnownToARegistryThatRequiresIt() throws Exception {
        keypair("server");
        keypair("client");
        trust("server", "client-trust.p12");
        trust("client", "server-trust.p12");
        SSLContext serverContext = RegistryTls.context(Optional.of(store("server-trust.p12")), Optional.of(store("server.p12")),
                Optional.empty());
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/subjects", exchange -> {
            byte[] body = "[\"a-value\"]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
            RegistrySettings known = RegistrySettings.defaults(url).withTls(Optional.of(RegistryTls.context(
                    Optional.of(store("client-trust.p12")), Optional.of(store("client.p12")), Optional.empty())));
            assertEquals(List.of("a-value"), new HttpSchemaRegistry(known).subjects());

            RegistrySettings anonymous = RegistrySettings.defaults(url).withRetryBudget(java.time.Duration.ofSeconds(2))
                    .withTls(Optional.of(RegistryTls.context(Optional.of(store("client-trust.p12")), Optional.empty(), Optional.empty())));
            assertThrows(RegistryUnavailableException.class, () -> new HttpSchemaRegistry(anonymous).subjects());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aStoreThatCannotBeReadIsNamedWithItsKey() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> RegistryTls.context(
                Optional.of(new RegistryTls.Store("schema.registry.ssl.truststore.location", directory.resolve("missing.p12"),
                        Optional.of(PASSWORD), "PKCS12")), Optional.empty(), Optional.empty()));
        assertEquals("cannot read schema.registry.ssl.truststore.location " + directory.resolve("missing.p12") + ": no such file",
                failure.getMessage());
    }

    private RegistryTls.Store store(String file) {
        return new RegistryTls.Store("a store", directory.resolve(file), Optional.of(PASSWORD), "PKCS12");
    }

    private void keypair(String name) throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-storetype", "PKCS12", "-keystore", directory.resolve(name + ".p12").toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", directory.resolve(name + ".p12").toString(), "-storepass", PASSWORD,
                "-file", directory.resolve(name + ".crt").toString());
    }

    private void trust(String name, String truststore) throws IOException, InterruptedException {
        keytool("-importcert", "-noprompt", "-alias", name, "-file", directory.resolve(name + ".crt").toString(), "-storetype", "PKCS12",
                "-keystore", directory.resolve(truststore).toString(), "-storepass", PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + command + "\n" + output);
        }
    }
}
