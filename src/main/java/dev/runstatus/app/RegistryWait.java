package dev.runstatus.app;

import dev.runstatus.metrics.Health;
import dev.runstatus.registry.RegistryException;
import dev.runstatus.registry.SchemaRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds an application that failed for want of the schema registry (a writer schema it had not seen)
 * until the registry answers again: its processing is paused, so that its stream threads do not fail
 * and get replaced again and again for one outage, and it is not ready ("registry-unreachable") with
 * the reason. Once the registry answers, processing resumes from the last commit, and no report is
 * skipped.
 */
final class RegistryWait implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryWait.class);

    private final KafkaStreams streams;
    private final Health health;
    private final SchemaRegistry registry;
    private final URI url;
    private final Duration every;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "runstatus-registry-wait");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> probing;

    /** {@code registry} must not cache and should try once: each probe asks the registry itself. */
    RegistryWait(KafkaStreams streams, Health health, SchemaRegistry registry, URI url, Duration every, Clock clock) {
        this.streams = streams;
        this.health = health;
        this.registry = registry;
        this.url = url;
        this.every = every;
        this.clock = clock;
    }

    /** The application failed because the registry did not answer; called from the failing stream thread. */
    synchronized void begin(String reason) {
        health.blocked(Health.Source.REGISTRY, Optional.of(new Health.Condition(Health.Reason.REGISTRY_UNREACHABLE,
                "the schema registry at " + url + " does not answer (" + reason + "); processing waits for it", clock.instant())));
        if (probing == null && !executor.isShutdown()) {
            LOG.warn("Pausing processing until the schema registry at {} answers ({})", url, reason);
            probing = executor.scheduleWithFixedDelay(this::probe, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void probe() {
        if (!streams.isPaused()) {
            streams.pause();
        }
        try {
            registry.subjects();
        } catch (RegistryException e) {
            return;
        }
        synchronized (this) {
            LOG.info("The schema registry at {} answers again; resuming processing", url);
            streams.resume();
            health.blocked(Health.Source.REGISTRY, Optional.empty());
            probing.cancel(false);
            probing = null;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
