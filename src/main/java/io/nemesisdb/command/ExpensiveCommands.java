package io.nemesisdb.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.nemesisdb.ApplicationSingleton;
import io.nemesisdb.config.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Runs the commands declared expensive ({@link CommandSpec#isExpensive}) on a fixed number of
 * platform threads ({@code nemesis.query.threads}, by default one fewer than the processors).
 *
 * <p>Connections run on virtual threads, which the JVM never preempts: two CPU-bound queries on
 * a two-processor machine would hold both carrier threads, and every other client would wait for
 * them. Platform threads are preempted by the operating system, and there are fewer of them than
 * processors, so cheap commands always find a processor.
 *
 * <p>The hand-off returns a future that completes once the command has replied: the connection
 * waits for it before running its next request, so replies stay in request order, while it goes
 * on reading frames and so notices a client that leaves. Each connection has at most one command
 * here at a time; when every thread is busy, commands wait in a queue (bounded by the number of
 * connections) rather than being refused.
 */
@ApplicationSingleton
public class ExpensiveCommands {

    @Inject
    ServerSettings settings;

    private ThreadPoolExecutor threads;

    @PostConstruct
    void start() {
        AtomicInteger created = new AtomicInteger();
        int count = settings.queryThreads();
        threads = new ThreadPoolExecutor(count, count, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "nemesis-query-" + created.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code command} on one of the threads; the future completes when it has returned.
     * Once the server is stopping and the threads are gone, runs it on the caller's thread.
     */
    public CompletableFuture<Void> submit(Runnable command) {
        try {
            return CompletableFuture.runAsync(command, threads);
        } catch (RejectedExecutionException stopped) {
            command.run();
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The commands running now. */
    public int running() {
        return threads.getActiveCount();
    }

    /** The commands waiting for a thread. */
    public int waiting() {
        return threads.getQueue().size();
    }

    /** Shutdown has already waited for the commands being executed ({@link CommandGate}). */
    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
