package io.nemesisdb.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Runs test clients side by side, each on a thread named {@code client-<index>}, and waits for
 * all of them within one deadline. A client's failure is rethrown as it was thrown. When the
 * deadline passes, the test fails naming the clients still running, with their stacks and a dump
 * of every thread of the JVM, the server's virtual threads included: a test that hangs says where.
 */
public final class ConcurrentClients {

    private ConcurrentClients() {
    }

    /** Where the dump of a run past its deadline goes: written only then, so a green build leaves none. */
    private static final Path DUMPS = Path.of("target", "thread-dumps");

    /** The clients' results, in the order of {@code clients}. */
    public static <T> List<T> runAll(Duration deadline, List<? extends Callable<T>> clients) throws Exception {
        return runAll(deadline, clients, DUMPS);
    }

    /** As {@link #runAll(Duration, List)}, writing a thread dump into {@code dumps} if the deadline passes. */
    static <T> List<T> runAll(Duration deadline, List<? extends Callable<T>> clients, Path dumps) throws Exception {
        AtomicInteger index = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients.size(),
                task -> new Thread(task, "client-" + index.getAndIncrement()));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> client : clients) {
                futures.add(pool.submit(client));
            }
            long end = System.nanoTime() + deadline.toNanos();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e.getCause() instanceof Exception exception ? exception : e;
                } catch (TimeoutException e) {
                    throw new AssertionError(stillRunning(deadline, futures, dumps));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What to report when the deadline passed: the clients still running, their stacks, and a dump of every thread. */
    private static String stillRunning(Duration deadline, List<? extends Future<?>> futures, Path dumps) throws IOException {
        List<String> running = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            if (!futures.get(i).isDone()) {
                running.add("client-" + i);
            }
        }
        Path dump = dumpThreads(dumps);
        StringBuilder report = new StringBuilder("clients still running after ").append(deadline.toMillis()).append(" ms: ")
                .append(String.join(", ", running)).append("; thread dump: ").append(dump).append('\n');
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            if (running.contains(thread.getKey().getName())) {
                report.append(thread.getKey().getName()).append(" (").append(thread.getKey().getState()).append(")\n");
                for (StackTraceElement frame : thread.getValue()) {
                    report.append("    at ").append(frame).append('\n');
                }
            }
        }
        return report.append("\nThe thread dump:\n").append(Files.readString(dump)).toString();
    }

    /** Dumps every thread, virtual ones included, to a new file in {@code dumps} and returns the file. */
    private static Path dumpThreads(Path dumps) throws IOException {
        Path dir = Files.createDirectories(dumps);
        Path file = dir.resolve("dump-" + System.nanoTime() + ".txt").toAbsolutePath();
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
        return file;
    }
}
