package dev.runstatus.it;

import dev.runstatus.config.ConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A registry served over HTTPS that requires credentials, as a production registry is: runstatus reaches
 * it with the truststore and credentials Confluent's clients are configured with, and says in one line,
 * at once, when the certificate is not trusted or the credentials are wrong.
 */
class RegistrySecurityIT {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    @Test
    void overHttpsWithCredentialsTheRegistryIsUsedAndEachMistakeIsNamed() throws Exception {
        try (SecuredRegistry registry = SecuredRegistry.start(directory.resolve("registry"))) {
            Map<String, String> trusted = new HashMap<>(Map.of(ConfigKeys.SCHEMA_REGISTRY_URL, registry.url().toString(),
                    ConfigKeys.SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION, registry.truststore().toString(),
                    ConfigKeys.SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD, SecuredRegistry.STORE_PASSWORD,
                    ConfigKeys.SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE, "PKCS12"));
            trusted.put(ConfigKeys.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, SecuredRegistry.USER + ":" + SecuredRegistry.PASSWORD);

            JarProcess register = JarProcess.runToEnd(directory, "register", Duration.ofSeconds(60), "schemas", "register",
                    "--config=" + Cli.propertiesFile(trusted, directory.resolve("trusted.properties")));
            assertEquals(0, register.exitCode(), register.err());
            assertEquals(10, register.out().lines().filter(line -> line.matches("\\S+-value id \\d+")).count(), register.out());
            JarProcess list = JarProcess.runToEnd(directory, "list", BOUND, "schemas", "list",
                    "--config=" + directory.resolve("trusted.properties"));
            assertEquals(0, list.exitCode(), list.err());
            assertTrue(list.out().contains("run-results.completed-value versions [1]"), list.out());

            Map<String, String> wrongPassword = new HashMap<>(trusted);
            wrongPassword.put(ConfigKeys.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, SecuredRegistry.USER + ":wrong");
            JarProcess refused = JarProcess.runToEnd(directory, "refused", BOUND, "schemas", "list",
                    "--config=" + Cli.propertiesFile(wrongPassword, directory.resolve("wrong.properties")));
            assertEquals(2, refused.exitCode());
            String line = refused.err().strip();
            assertTrue(line.startsWith("error: the schema registry at " + registry.url() + " refused the credentials (HTTP 401: ")
                    && line.endsWith("); check schema.registry.basic.auth.user.info") && line.lines().count() == 1, line);

            Map<String, String> untrusted = new HashMap<>(trusted);
            untrusted.remove(ConfigKeys.SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION);
            JarProcess handshake = JarProcess.runToEnd(directory, "untrusted", BOUND, "schemas", "list",
                    "--config=" + Cli.propertiesFile(untrusted, directory.resolve("untrusted.properties")));
            assertEquals(2, handshake.exitCode());
            assertEquals(List.of("error: cannot reach the schema registry at " + registry.url() + ": TLS handshake failed (unable to"
                    + " find valid certification path to requested target)"), handshake.err().strip().lines().toList());
        }
    }
}
