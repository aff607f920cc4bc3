package dev.runstatus.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opens a registry by URL: http(s) for a real one, {@code mock://<scope>} for one shared in-memory registry per scope. */
public final class SchemaRegistries {

    private static final String MOCK_SCHEME = "mock";
    private static final Map<String, InMemorySchemaRegistry> IN_MEMORY = new ConcurrentHashMap<>();

    private SchemaRegistries() {
    }

    /** A client that remembers ids and schemas once the registry has given them. */
    public static SchemaRegistry connect(RegistrySettings settings) {
        SchemaRegistry registry = uncached(settings);
        return registry instanceof HttpSchemaRegistry ? new CachingSchemaRegistry(registry) : registry;
    }

    /** A client that asks the registry every time: for checks that the registry still holds what it held. */
    public static SchemaRegistry uncached(RegistrySettings settings) {
        String scheme = settings.url().getScheme();
        if (MOCK_SCHEME.equals(scheme)) {
            return inMemory(settings.url().getSchemeSpecificPart().replaceFirst("^//", ""));
        }
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("schema registry URL must be http://, https:// or mock://, not " + settings.url());
        }
        return new HttpSchemaRegistry(settings);
    }

    public static InMemorySchemaRegistry inMemory(String scope) {
        return IN_MEMORY.computeIfAbsent(scope, name -> new InMemorySchemaRegistry());
    }
}
