package dev.runstatus.query;

import dev.runstatus.lifecycle.LifecycleCodec;
import dev.runstatus.lifecycle.RunState;
import dev.runstatus.lifecycle.StatusReport;
import dev.runstatus.metrics.Health;
import dev.runstatus.metrics.InstanceHealth;
import dev.runstatus.metrics.ObservabilityServer;
import dev.runstatus.schema.Family;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * One instance of the query API over stores of its own, in this JVM, on a real HTTP port: a cluster of
 * them stands for instances that keep the partitions of the run-result store as {@link #owners} says
 * (partition = a key's first byte modulo the partitions). An instance can be made to hang on every
 * store read, as a paused JVM hangs.
 */
final class FakeInstance implements RunStores, AutoCloseable {

    static final LifecycleCodec CODEC = new LifecycleCodec();

    private final Map<Integer, TreeMap<String, byte[]>> runs;
    private final Function<Integer, Owners> owners;
    private final int partitions;
    private final ObservabilityServer server;
    private final QueryPools pools;
    private final Peers peers;
    private volatile CountDownLatch hang = new CountDownLatch(0);
    private boolean closed;

    /** {@code runs}: every partition's runs, of which this instance reads those it keeps; {@code owners}: by partition. */
    FakeInstance(Map<Integer, TreeMap<String, byte[]>> runs, Function<Integer, Owners> owners, int threads, Duration deadline) {
        this.runs = runs;
        this.owners = owners;
        this.partitions = runs.size();
        this.pools = new QueryPools(threads, threads);
        this.peers = new Peers(deadline, Optional.empty());
        RunQueries queries = new RunQueries(Optional.of(this), "", peers, deadline);
        this.server = ObservabilityServer.start(new InetSocketAddress("127.0.0.1", 0), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new InstanceHealth(Map.of("lifecycle", new Health(() -> KafkaStreams.State.RUNNING, Clock.systemUTC()))),
                RunQueryHandler.routes(queries, pools, Optional.empty()));
    }

    static byte[] state(String key, String status) {
        return CODEC.encode(new RunState(key, Family.RUN_RESULT, status, false, 1_000L, 1_000L, 1_000L, 1,
                List.of(new StatusReport(status, 1_000L)), null, null));
    }

    HostInfo host() {
        return new HostInfo("127.0.0.1", server.port());
    }

    int port() {
        return server.port();
    }

    /** Every store read waits until {@link #resume}: the instance takes requests and answers none. */
    void pause() {
        hang = new CountDownLatch(1);
    }

    void resume() {
        hang.countDown();
    }

    private void maybeHang() {
        try {
            hang.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int partitionOf(byte[] key) {
        return key[0] % partitions;
    }

    @Override
    public KafkaStreams.State state() {
        return KafkaStreams.State.RUNNING;
    }

    @Override
    public Optional<HostInfo> self() {
        return Optional.of(host());
    }

    @Override
    public Optional<Owners> owners(String store, byte[] key) {
        return Optional.of(owners.apply(partitionOf(key)));
    }

    @Override
    public Optional<LocalValue> get(String store, byte[] key, boolean staleAllowed) {
        maybeHang();
        Owners owner = owners.apply(partitionOf(key));
        boolean active = owner.active().equals(host());
        if (!active && !(staleAllowed && owner.standbys().contains(host()))) {
            return Optional.empty();
        }
        return Optional.of(new LocalValue(runs.get(partitionOf(key)).get(new String(key, StandardCharsets.UTF_8)), !active,
                active ? 0 : 7));
    }

    @Override
    public List<List<KeyValueBytes>> firstOfEachPartition(String store, Optional<byte[]> after, int limit, RunFilter filter) {
        maybeHang();
        List<List<KeyValueBytes>> pages = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            if (!owners.apply(partition).active().equals(host())) {
                continue;
            }
            List<KeyValueBytes> page = new ArrayList<>();
            for (Map.Entry<String, byte[]> run : runs.get(partition).entrySet()) {
                byte[] key = run.getKey().getBytes(StandardCharsets.UTF_8);
                if ((after.isEmpty() || Arrays.compareUnsigned(key, after.get()) > 0) && filter.accepts(run.getValue())
                        && page.size() < limit) {
                    page.add(new KeyValueBytes(key, run.getValue()));
                }
            }
            pages.add(page);
        }
        return pages;
    }

    @Override
    public List<HostInfo> others(String store) {
        List<HostInfo> others = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            HostInfo active = owners.apply(partition).active();
            if (!active.equals(host()) && !others.contains(active)) {
                others.add(active);
            }
        }
        return others;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        resume();
        server.close();
        pools.close();
        peers.close();
    }

    /** A key's owners: an active instance and its standbys. */
    static Owners owners(int partition, HostInfo active, HostInfo standby) {
        return new Owners(partition, active, Set.of(standby));
    }
}
