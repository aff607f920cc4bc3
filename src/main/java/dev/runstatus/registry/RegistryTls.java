package dev.runstatus.registry;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/**
 * The TLS context for a registry served over HTTPS, from key stores as Confluent's clients configure
 * them: a truststore that holds the registry's certificate (or its issuer), and for mutual TLS a keystore
 * with the client's key. Without a truststore the JDK's default trust applies.
 */
public final class RegistryTls {

    /** A key store file, its password and its type (PKCS12 or JKS). */
    public record Store(String key, Path location, Optional<String> password, String type) {
    }

    private RegistryTls() {
    }

    public static SSLContext context(Optional<Store> truststore, Optional<Store> keystore, Optional<String> keyPassword) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(truststore.isPresent() ? load(truststore.get()) : null);
            KeyManagerFactory keys = null;
            if (keystore.isPresent()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keystore.get()), keyPassword.or(() -> keystore.get().password()).orElse("").toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS to the schema registry: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Store store) throws GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance(store.type());
        try (InputStream in = Files.newInputStream(store.location())) {
            keyStore.load(in, store.password().map(String::toCharArray).orElse(null));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + store.key() + " " + store.location() + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + store.key() + " " + store.location() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        return keyStore;
    }
}
