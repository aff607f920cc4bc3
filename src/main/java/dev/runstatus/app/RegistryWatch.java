package dev.runstatus.app;

import dev.runstatus.failure.FailureCause;
import dev.runstatus.metrics.FailureMeters;
import dev.runstatus.registry.RegistryException;
import dev.runstatus.registry.RegistryUnavailableException;
import dev.runstatus.registry.SchemaRegistry;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Whether the registry still holds every schema the pipeline writes with. Records do not wait on the
 * registry (their schema ids were resolved at start), so a registry that does not answer only shows on
 * the dependency gauge; one that refuses the credentials, or no longer has a schema, is a permanent
 * failure, since consumers could not read what the pipeline writes.
 */
final class RegistryWatch {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryWatch.class);

    private final SchemaRegistry registry;
    private final URI url;
    private final Map<String, Schema> schemasBySubject;
    private final FailureMeters meters;
    private final BiConsumer<FailureCause, String> permanentFailure;
    private boolean answering = true;

    /** {@code registry} must not cache: every check asks the registry itself. */
    RegistryWatch(SchemaRegistry registry, URI url, Map<String, Schema> schemasBySubject, FailureMeters meters,
                  BiConsumer<FailureCause, String> permanentFailure) {
        this.registry = registry;
        this.url = url;
        this.schemasBySubject = schemasBySubject;
        this.meters = meters;
        this.permanentFailure = permanentFailure;
    }

    void check() {
        try {
            for (Map.Entry<String, Schema> subject : schemasBySubject.entrySet()) {
                if (registry.lookup(subject.getKey(), subject.getValue()).isEmpty()) {
                    permanentFailure.accept(FailureCause.SCHEMA_MISSING, "the schema " + subject.getValue().getFullName()
                            + " is no longer registered under subject " + subject.getKey() + " at " + url
                            + "; register it with: runstatus schemas register");
                    return;
                }
            }
            if (!answering) {
                LOG.info("The schema registry at {} answers again", url);
            }
            answering = true;
        } catch (RegistryUnavailableException e) {
            if (answering) {
                LOG.warn("The schema registry at {} does not answer ({}); records go on with the schema ids resolved at start",
                        url, e.reason());
            }
            answering = false;
            meters.failed(FailureMeters.TRANSIENT, FailureCause.REGISTRY_UNREACHABLE.id());
        } catch (RegistryException e) {
            permanentFailure.accept(FailureCause.of(e), e.describe(url));
        }
        meters.registryAnswers(answering);
    }
}
