package dev.runstatus.config;

import dev.runstatus.registry.RegistrySettings;
import dev.runstatus.registry.RegistryTls;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** The registry client's settings from the configuration keys Confluent's clients use. */
final class RegistryConfig {

    private RegistryConfig() {
    }

    static RegistrySettings settings(RunStatusConfig config) {
        return RegistrySettings.defaults(URI.create(config.require(ConfigKeys.SCHEMA_REGISTRY_URL)))
                .withBasicAuth(config.get(ConfigKeys.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO))
                .withTls(tls(config))
                .withRetryBudget(config.connectTimeout());
    }

    private static Optional<SSLContext> tls(RunStatusConfig config) {
        Optional<RegistryTls.Store> truststore = store(config, ConfigKeys.SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION,
                ConfigKeys.SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD, ConfigKeys.SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE);
        Optional<RegistryTls.Store> keystore = store(config, ConfigKeys.SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION,
                ConfigKeys.SCHEMA_REGISTRY_SSL_KEYSTORE_PASSWORD, ConfigKeys.SCHEMA_REGISTRY_SSL_KEYSTORE_TYPE);
        if (truststore.isEmpty() && keystore.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RegistryTls.context(truststore, keystore, config.get(ConfigKeys.SCHEMA_REGISTRY_SSL_KEY_PASSWORD)));
    }

    private static Optional<RegistryTls.Store> store(RunStatusConfig config, String location, String password, String type) {
        return config.get(location).map(path -> new RegistryTls.Store(location, Path.of(path), config.get(password),
                config.get(type).orElse("PKCS12")));
    }
}
