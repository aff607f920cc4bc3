package dev.runstatus.it;

import dev.runstatus.embedded.EmbeddedKafka;
import dev.runstatus.embedded.FreePorts;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node KRaft broker on 127.0.0.1 that requires authentication, as a secured production
 * cluster does: SCRAM-SHA-512 over TLS on one listener, mutual TLS on another, and ACLs enforced by the
 * standard authorizer. Its certificates come from a CA this class makes with keytool. A plaintext
 * listener, whose anonymous user is a super user, is left for the test's own administration.
 */
final class SecuredBroker implements AutoCloseable {

    /** The principal the mutual-TLS client's certificate maps to. */
    static final String TLS_USER = "runstatus-tls";
    private static final String PASSWORD = "changeit";
    private static final String VALIDITY_DAYS = "2";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration SCRAM_TIMEOUT = Duration.ofSeconds(30);
    private static final String STARTED = "Kafka Server started";
    /** The project's own broker logging: the test logback configuration would hide the line that says it started. */
    private static final String LOGGING = "-Dlogback.configurationFile=dev/runstatus/embedded/kafka-logback.xml";

    private final Path directory;
    private final int internalPort = FreePorts.loopback();
    private final int saslPort = FreePorts.loopback();
    private final int tlsPort = FreePorts.loopback();
    private final int controllerPort = FreePorts.loopback();
    private Process process;

    private SecuredBroker(Path directory) {
        this.directory = directory;
    }

    static SecuredBroker start(Path directory) throws IOException, InterruptedException {
        SecuredBroker broker = new SecuredBroker(Files.createDirectories(directory));
        try {
            broker.makeCertificates();
            broker.launch();
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the directory stays, for the logs the failure points to
            broker.stop();
            throw e;
        }
        return broker;
    }

    String internalBootstrap() {
        return "127.0.0.1:" + internalPort;
    }

    String saslBootstrap() {
        return "127.0.0.1:" + saslPort;
    }

    String tlsBootstrap() {
        return "127.0.0.1:" + tlsPort;
    }

    /** A PKCS12 truststore holding the CA that signed the broker's certificate. */
    Path truststore() {
        return directory.resolve("truststore.p12");
    }

    /** A PKCS12 truststore holding only an unrelated CA, so the broker's certificate is not trusted. */
    Path untrustedTruststore() {
        return directory.resolve("untrusted-truststore.p12");
    }

    /** A PKCS12 keystore with the client certificate for {@link #TLS_USER}, signed by the CA. */
    Path clientKeystore() {
        return directory.resolve("client.p12");
    }

    Admin admin() {
        return Admin.create(Map.<String, Object>of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap()));
    }

    /** Waits until the broker itself knows the credential: the controller commits it before the broker can check it. */
    void addScramUser(String user, String password) throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get();
            Instant deadline = Instant.now().plus(SCRAM_TIMEOUT);
            while (!admin.describeUserScramCredentials().all().get().containsKey(user)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the broker did not show the SCRAM user " + user + " within " + SCRAM_TIMEOUT);
                }
                Thread.sleep(100);
            }
        }
    }

    /** The client settings, as a properties file would hold them, for {@code user} on the SCRAM listener. */
    Map<String, String> saslClient(String user, String password) {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, saslBootstrap(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";",
                SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore().toString(),
                SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, PASSWORD,
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
    }

    /** The client settings, as a properties file would hold them, for {@link #TLS_USER} on the mutual-TLS listener. */
    Map<String, String> tlsClient() {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, tlsBootstrap(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL",
                SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore().toString(),
                SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, PASSWORD,
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12",
                SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, clientKeystore().toString(),
                SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, PASSWORD,
                SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12",
                SslConfigs.SSL_KEY_PASSWORD_CONFIG, PASSWORD);
    }

    private void makeCertificates() throws IOException, InterruptedException {
        selfSignedCa("ca", "CN=runstatus test CA", truststore());
        issue("broker", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost");
        issue("client", "CN=" + TLS_USER);
        selfSignedCa("untrusted-ca", "CN=runstatus untrusted CA", untrustedTruststore());
    }

    /** Makes {@code <alias>.p12} with a CA's key pair, and {@code truststore} holding only its certificate. */
    private void selfSignedCa(String alias, String subject, Path truststore) throws IOException, InterruptedException {
        Path keystore = directory.resolve(alias + ".p12");
        Path certificate = directory.resolve(alias + ".crt");
        keytool("-genkeypair", "-alias", alias, "-dname", subject, "-ext", "bc:c", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", VALIDITY_DAYS, "-keystore", keystore.toString());
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(), "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(), "-keystore", truststore.toString());
    }

    /** Makes {@code <alias>.p12} with a key pair whose certificate the CA signs. */
    private void issue(String alias, String subject, String... extensions) throws IOException, InterruptedException {
        Path keystore = directory.resolve(alias + ".p12");
        Path request = directory.resolve(alias + ".csr");
        Path certificate = directory.resolve(alias + ".crt");
        keytool("-genkeypair", "-alias", alias, "-dname", subject, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", VALIDITY_DAYS, "-keystore", keystore.toString());
        keytool("-certreq", "-alias", alias, "-keystore", keystore.toString(), "-file", request.toString());
        List<String> signing = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", directory.resolve("ca.p12").toString(),
                "-infile", request.toString(), "-outfile", certificate.toString(), "-validity", VALIDITY_DAYS));
        signing.addAll(List.of(extensions));
        keytool(signing.toArray(String[]::new));
        // the whole chain, so the keystore need not trust the CA for keytool to accept the reply
        Path chain = directory.resolve(alias + "-chain.crt");
        Files.writeString(chain, Files.readString(certificate) + Files.readString(directory.resolve("ca.crt")));
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", chain.toString(), "-keystore", keystore.toString());
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        run(command, directory.resolve("keytool.log"));
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process tool = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!tool.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            tool.destroyForcibly();
            throw new IOException("timed out after " + START_TIMEOUT + ": " + command + "; see " + log);
        }
        if (tool.exitValue() != 0) {
            throw new IOException("exit code " + tool.exitValue() + ": " + command + "; see " + log);
        }
    }

    private void launch() throws IOException, InterruptedException {
        Path properties = directory.resolve("server.properties");
        writeServerProperties(properties);
        Path log = directory.resolve("broker.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        run(List.of(java, "-cp", classpath, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", properties.toString()), log);
        process = new ProcessBuilder(java, "-Xmx512m", LOGGING, "-cp", classpath, "kafka.Kafka", properties.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.readString(log).contains(STARTED)) {
            if (!process.isAlive()) {
                throw new IOException("the secured broker exited during start-up; see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the secured broker did not start within " + START_TIMEOUT + "; see " + log);
            }
            Thread.sleep(100);
        }
    }

    private void writeServerProperties(Path file) throws IOException {
        String broker = directory.resolve("broker.p12").toString();
        Properties server = new Properties();
        server.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "INTERNAL://" + internalBootstrap() + ",SASL_SSL://" + saslBootstrap()
                        + ",SSL://" + tlsBootstrap() + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "INTERNAL://" + internalBootstrap() + ",SASL_SSL://" + saslBootstrap()
                        + ",SSL://" + tlsBootstrap()),
                Map.entry("listener.security.protocol.map", "INTERNAL:PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL,CONTROLLER:PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "INTERNAL"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("sasl.enabled.mechanisms", "SCRAM-SHA-512"),
                Map.entry("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                Map.entry("listener.name.ssl.ssl.client.auth", "required"),
                // the mutual-TLS principal is the certificate's CN, not its whole distinguished name
                Map.entry("ssl.principal.mapping.rules", "RULE:^CN=([^,]+).*$/$1/,DEFAULT"),
                Map.entry("ssl.keystore.location", broker),
                Map.entry("ssl.keystore.password", PASSWORD),
                Map.entry("ssl.keystore.type", "PKCS12"),
                Map.entry("ssl.key.password", PASSWORD),
                Map.entry("ssl.truststore.location", truststore().toString()),
                Map.entry("ssl.truststore.password", PASSWORD),
                Map.entry("ssl.truststore.type", "PKCS12"),
                Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                // the plaintext listeners, the test's and the controller's, authenticate everyone as ANONYMOUS
                Map.entry("super.users", "User:ANONYMOUS"),
                Map.entry("allow.everyone.if.no.acl.found", "false"),
                Map.entry("log.dirs", directory.resolve("logs").toString())));
        server.putAll(EmbeddedKafka.SINGLE_NODE);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            server.store(writer, null);
        }
    }

    private void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the secured broker's directory " + directory, e);
        }
    }
}
