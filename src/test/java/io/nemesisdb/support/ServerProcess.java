package io.nemesisdb.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server running in a child JVM, started through {@code io.nemesisdb.Main} as a user would,
 * for tests of start-up, signals and crashes. Output lines are collected; the port is read from
 * the start-up line.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("ready: .* ws://[^:]+:(\\d+)/");

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final List<Thread> readers = new ArrayList<>();
    private volatile int port = -1;

    private ServerProcess(Process process) {
        this.process = process;
        follow(process.getInputStream(), stdout, true);
        follow(process.getErrorStream(), stderr, false);
    }

    /**
     * Starts a server with the given settings as system properties ({@code server.port} defaults
     * to 0: a free port), environment variables and command-line arguments.
     */
    public static ServerProcess start(Map<String, String> settings, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Dserver.port=0");
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.nemesisdb.Main");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start());
    }

    public static ServerProcess start(Map<String, String> settings, String... args) throws IOException {
        return start(settings, Map.of(), args);
    }

    /** Waits until the server listens and returns its port; fails if it exits or takes over 60 s. */
    public int awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ready.await(100, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + ": " + stderr);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("server not ready after 60 s: " + stdout + stderr);
            }
        }
        return port;
    }

    /** Waits for the process to end and all its output to be read; returns its exit status. */
    public int awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("server still running after " + seconds + " s");
        }
        for (Thread reader : readers) {
            reader.join(TimeUnit.SECONDS.toMillis(seconds));
        }
        return process.exitValue();
    }

    public Process process() {
        return process;
    }

    /** Sends SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL. */
    public void kill() {
        process.destroyForcibly();
    }

    public List<String> stdout() {
        return stdout;
    }

    public List<String> stderr() {
        return stderr;
    }

    private void follow(java.io.InputStream stream, List<String> lines, boolean watchForReady) {
        readers.add(Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    Matcher matcher = READY.matcher(line);
                    if (watchForReady && matcher.find()) {
                        port = Integer.parseInt(matcher.group(1));
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
