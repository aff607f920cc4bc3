package dev.runstatus.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The hot path of two builds of runstatus in one JVM, each in its own class loader, timed in
 * alternating quarter-second slices, so that a change of the host's speed, which on this machine moves
 * separate JMH runs by half, falls on both alike. Each directory holds {@code classes/} (this
 * benchmark compiled against that build) and {@code classpath.txt} (its runtime class path):
 * {@code java -cp bench/target/classes dev.runstatus.bench.HotPathAB BEFORE_DIR AFTER_DIR run-result 100}.
 */
public final class HotPathAB {

    private static final long WARM_UP_SLICE_MS = 300;
    private static final int WARM_UP_SLICES = 30;
    private static final long SLICE_MS = 250;
    private static long sink;

    private HotPathAB() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length != 4) {
            System.err.println("usage: HotPathAB BEFORE_DIR AFTER_DIR DOCUMENT SLICES");
            System.exit(2);
        }
        MethodHandle before = hotPath(Path.of(args[0]), args[2]);
        MethodHandle after = hotPath(Path.of(args[1]), args[2]);
        for (int i = 0; i < WARM_UP_SLICES; i++) {
            nanosPerCall(before, WARM_UP_SLICE_MS);
            nanosPerCall(after, WARM_UP_SLICE_MS);
        }
        List<Double> beforeNanos = new ArrayList<>();
        List<Double> afterNanos = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0, slices = Integer.parseInt(args[3]); i < slices; i++) {
            boolean beforeFirst = i % 2 == 0;
            double x = beforeFirst ? nanosPerCall(before, SLICE_MS) : 0;
            double y = nanosPerCall(after, SLICE_MS);
            if (!beforeFirst) {
                x = nanosPerCall(before, SLICE_MS);
            }
            beforeNanos.add(x);
            afterNanos.add(y);
            ratios.add(y / x);
        }
        System.out.printf("%s ns per record: before median %.0f, fastest slice %.0f; after median %.0f, fastest slice %.0f;"
                        + " after/before, median of paired slices %.3f%n", args[2], median(beforeNanos), Collections.min(beforeNanos),
                median(afterNanos), Collections.min(afterNanos), median(ratios));
        System.err.println(sink);
    }

    private static MethodHandle hotPath(Path build, String document) throws Throwable {
        List<URL> urls = new ArrayList<>();
        urls.add(build.resolve("classes").toUri().toURL());
        for (String entry : Files.readString(build.resolve("classpath.txt")).trim().split(":")) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Class<?> type = loader.loadClass(HotPathBenchmark.class.getName());
        Object benchmark = type.getConstructor().newInstance();
        type.getField("document").set(benchmark, document);
        type.getMethod("setUp").invoke(benchmark);
        return MethodHandles.lookup().unreflect(type.getMethod("hotPath")).bindTo(benchmark);
    }

    private static double nanosPerCall(MethodHandle hotPath, long millis) throws Throwable {
        long start = System.nanoTime();
        long end = start + millis * 1_000_000;
        long calls = 0;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                sink += System.identityHashCode(hotPath.invoke());
            }
            calls += 64;
        } while ((now = System.nanoTime()) < end);
        return (double) (now - start) / calls;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
