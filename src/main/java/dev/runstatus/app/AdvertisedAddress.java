package dev.runstatus.app;

import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;

import java.util.Optional;
import java.util.Set;

/**
 * Kafka Streams' {@code application.server} when none is configured: the address at which the other
 * instances reach this one's query API. The HTTP host, or localhost when it listens on every address
 * (instances on one machine); on several machines, configure it (in Kubernetes, the pod's IP). None for
 * port 0, which is known only once the server listens.
 */
final class AdvertisedAddress {

    private static final Set<String> EVERY_ADDRESS = Set.of("0.0.0.0", "::", "[::]");

    private AdvertisedAddress() {
    }

    static Optional<String> defaultFor(RunStatusConfig config) {
        int port = config.intValue(ConfigKeys.HTTP_PORT);
        if (port == 0) {
            return Optional.empty();
        }
        String host = config.require(ConfigKeys.HTTP_HOST);
        return Optional.of((EVERY_ADDRESS.contains(host) ? "localhost" : host) + ":" + port);
    }
}
