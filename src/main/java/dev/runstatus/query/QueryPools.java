package dev.runstatus.query;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded pools queries run on: one for clients' queries, which may wait on other instances within
 * the deadline, and one for queries other instances forward, which are answered from this instance's
 * stores and never wait on anyone. Each has a fixed number of threads and a queue of fixed length: when both
 * are full the query is refused at once ({@link java.util.concurrent.RejectedExecutionException}), never queued without bound.
 */
public final class QueryPools implements AutoCloseable {

    private final int threads;
    private final int waiting;
    private final ThreadPoolExecutor clients;
    private final ThreadPoolExecutor forwarded;

    public QueryPools(int threads, int waiting) {
        if (threads < 1) {
            throw new IllegalArgumentException("the query API needs at least one thread, not " + threads);
        }
        if (waiting < 1) {
            throw new IllegalArgumentException("the query API needs at least one place to wait, not " + waiting);
        }
        this.threads = threads;
        this.waiting = waiting;
        this.clients = pool(threads, waiting, "runstatus-query");
        this.forwarded = pool(threads, waiting, "runstatus-query-forwarded");
    }

    private static ThreadPoolExecutor pool(int threads, int waiting, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(waiting),
                runnable -> {
                    Thread thread = new Thread(runnable, name);
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.prestartAllCoreThreads();
        return pool;
    }

    int threads() {
        return threads;
    }

    int waiting() {
        return waiting;
    }

    void submit(Access access, Runnable query) {
        (access == Access.CLIENT ? clients : forwarded).execute(query);
    }

    @Override
    public void close() {
        clients.shutdownNow();
        forwarded.shutdownNow();
    }
}
