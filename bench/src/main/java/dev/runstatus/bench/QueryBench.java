package dev.runstatus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstatus.config.ConfigKeys;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The query API under load, with a load generator of our own: the lifecycle (its own JVM) keeps the
 * state of every run of the routed workload; {@value #CLIENTS} clients, each on a persistent connection,
 * ask it for single runs by key as fast as it answers, for a while, then for lists of 100 and 1,000 runs; then a second instance joins
 * (the same application, each keeping half the runs) and the clients ask both, so that half the
 * lookups are passed on to the other instance.
 */
final class QueryBench {

    static final int CLIENTS = 32;
    private static final String HOST = "127.0.0.1";
    private static final int SAMPLED_KEYS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Lookups per second and their latency percentiles; list latencies for 100 and 1,000 runs. */
    record Result(String setup, long lookups, double lookupsPerSecond, double p50Millis, double p99Millis, double maxMillis,
                  double list100P50Millis, double list100P99Millis, double list1000P50Millis, double list1000P99Millis,
                  long errors) {
    }

    private QueryBench() {
    }

    static List<Result> run(BenchCluster cluster, Path directory, ThroughputTrial.Source routed, int seconds) throws Exception {
        String name = "query";
        int firstPort = freePort();
        int secondPort = freePort();
        Properties first = settings(cluster, directory, routed, name, firstPort);
        Properties second = settings(cluster, directory, routed, name, secondPort);
        List<String> outputs = ThroughputTrial.outputs(StreamsApps.LIFECYCLE, first);
        cluster.createTopics(outputs);
        Path firstFile = ThroughputTrial.write(first, directory.resolve(name + "-1.properties"));
        Path secondFile = ThroughputTrial.write(second, directory.resolve(name + "-2.properties"));
        List<Result> results = new ArrayList<>();
        try (ChildJvm one = ChildJvm.start(List.of(), StreamsApps.class.getName(), List.of(StreamsApps.LIFECYCLE, firstFile.toString()),
                directory.resolve(name + "-1.log"))) {
            one.awaitLine(StreamsApps.RUNNING, Duration.ofMinutes(2));
            StreamsApps.awaitStages(cluster.progress(), StreamsApps.stages(StreamsApps.LIFECYCLE, StreamsApps.load(firstFile, Map.of())),
                    () -> { });
            List<String> keys = sampleKeys(firstPort);
            results.add(measure("one instance", List.of(firstPort), keys, seconds));
            try (ChildJvm two = ChildJvm.start(List.of(), StreamsApps.class.getName(), List.of(StreamsApps.LIFECYCLE,
                    secondFile.toString()), directory.resolve(name + "-2.log"))) {
                two.awaitLine(StreamsApps.RUNNING, Duration.ofMinutes(2));
                awaitAnswering(List.of(firstPort, secondPort), keys);
                results.add(measure("two instances, half the lookups passed on", List.of(firstPort, secondPort), keys, seconds));
            }
        } finally {
            cluster.deleteTopics(outputs);
            String lifecycleId = StreamsApps.load(firstFile, Map.of()).lifecycleApplicationId();
            cluster.progress().deleteGroup(lifecycleId);
            cluster.deleteInternalTopics(lifecycleId);
            ThroughputTrial.delete(directory.resolve(name + "-" + firstPort + "-state"));
            ThroughputTrial.delete(directory.resolve(name + "-" + secondPort + "-state"));
        }
        return results;
    }

    private static Properties settings(BenchCluster cluster, Path directory, ThroughputTrial.Source routed, String name, int port) {
        Properties settings = ThroughputTrial.settings(cluster, name, StreamsConfig.EXACTLY_ONCE_V2, routed);
        settings.put(ConfigKeys.HTTP_PORT, String.valueOf(port));
        settings.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve(name + "-" + port + "-state").toString());
        return settings;
    }

    /** Keys of runs the instance keeps, paged through its list. */
    private static List<String> sampleKeys(int port) throws Exception {
        List<String> keys = new ArrayList<>();
        String cursor = "";
        try (KeepAliveConnection connection = new KeepAliveConnection(HOST, port)) {
            while (keys.size() < SAMPLED_KEYS) {
                JsonNode page = JSON.readTree(connection.get("/runs?limit=1000" + cursor).body());
                page.path("runs").forEach(run -> keys.add(run.path("key").asText()));
                if (page.path("next").isNull()) {
                    break;
                }
                cursor = "&cursor=" + page.path("next").asText();
            }
        }
        return keys;
    }

    /** Once a second instance has joined: every instance answers 200 for a sample of keys. */
    private static void awaitAnswering(List<Integer> ports, List<String> keys) throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < until) {
            boolean all = true;
            for (int port : ports) {
                try (KeepAliveConnection connection = new KeepAliveConnection(HOST, port)) {
                    for (String key : keys.subList(0, Math.min(50, keys.size()))) {
                        all &= connection.get(path(key)).status() == 200;
                    }
                    all &= connection.get("/runs?limit=100").status() == 200;
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the two instances did not both answer within 2 minutes");
    }

    private static Result measure(String setup, List<Integer> ports, List<String> keys, int seconds) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        List<Future<long[]>> perClient = new ArrayList<>();
        long[] errors = new long[CLIENTS];
        for (int client = 0; client < CLIENTS; client++) {
            int port = ports.get(client % ports.size());
            int index = client;
            Random random = new Random(client);
            perClient.add(clients.submit(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                try (KeepAliveConnection connection = new KeepAliveConnection(HOST, port)) {
                    while (System.nanoTime() < until) {
                        long asked = System.nanoTime();
                        int status = connection.get(path(keys.get(random.nextInt(keys.size())))).status();
                        if (status != 200) {
                            errors[index]++;
                            continue;
                        }
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = System.nanoTime() - asked;
                    }
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> latencies : perClient) {
            for (long latency : latencies.get()) {
                all.add(latency);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        clients.awaitTermination(10, TimeUnit.SECONDS);
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] list100 = lists(ports.get(0), 100);
        long[] list1000 = lists(ports.get(0), 1000);
        return new Result(setup, sorted.length, sorted.length / elapsed, millis(sorted, 0.5), millis(sorted, 0.99),
                millis(sorted, 1.0), millis(list100, 0.5), millis(list100, 0.99), millis(list1000, 0.5), millis(list1000, 0.99),
                Arrays.stream(errors).sum());
    }

    /** Latencies of 100 first pages of this size, one client at a time. */
    private static long[] lists(int port, int limit) throws Exception {
        long[] latencies = new long[100];
        try (KeepAliveConnection connection = new KeepAliveConnection(HOST, port)) {
            for (int i = 0; i < latencies.length; i++) {
                long asked = System.nanoTime();
                KeepAliveConnection.Response page = connection.get("/runs?limit=" + limit);
                if (page.status() != 200) {
                    throw new IllegalStateException("a list answered " + page.status() + ": " + page.body());
                }
                latencies[i] = System.nanoTime() - asked;
            }
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static String path(String key) {
        return "/runs/" + URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
