package io.nemesisdb.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private static final Pattern READY = Pattern.compile("ready: .* wss?://[^:]+:(\\d+)/(?:, admin https?://[^:]+:(\\d+)/)?");

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final List<Thread> readers = new ArrayList<>();
    private volatile int port = -1;
    private volatile int adminPort = -1;

    private ServerProcess(Process process) {
        this.process = process;
        follow(process.getInputStream(), stdout, true);
        follow(process.getErrorStream(), stderr, false);
    }

    /**
     * Starts a server with the given settings as system properties ({@code server.port} and
     * {@code nemesis.admin-port} default to 0: free ports), environment variables and command-line
     * arguments.
     */
    public static ServerProcess start(Map<String, String> settings, Map<String, String> environment, String... args)
            throws IOException {
        return start(List.of(), settings, environment, args);
    }

    /** As {@link #start(Map, Map, String...)}, with {@code classpathFirst} ahead of the test classpath. */
    public static ServerProcess start(List<Path> classpathFirst, Map<String, String> settings,
                                      Map<String, String> environment, String... args) throws IOException {
        return start(classpathFirst, settings, environment, List.of(), "-Xmx512m", args);
    }

    private static ServerProcess start(List<Path> classpathFirst, Map<String, String> settings,
                                       Map<String, String> environment, List<String> launcher, String maxHeap,
                                       String... args) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        List<String> classpath = new ArrayList<>();
        classpathFirst.forEach(path -> classpath.add(path.toString()));
        // the cache's classpath is the test classpath itself, so only a server without classes of its own uses it
        Optional<StartupCache.Launch> cache = classpathFirst.isEmpty() ? StartupCache.ready() : Optional.empty();
        cache.ifPresentOrElse(launch -> classpath.add(launch.classpath()),
                () -> classpath.add(System.getProperty("java.class.path")));
        command.addAll(jvm(maxHeap, cache.map(StartupCache.Launch::options).orElse(List.of())));
        // the transport this test run is for (surefire runs the suite once per transport)
        String transport = System.getProperty("nemesis.transport");
        if (transport != null && !settings.containsKey("nemesis.transport")) {
            command.add("-Dnemesis.transport=" + transport);
        }
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add("io.nemesisdb.Main");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start());
    }

    /** The java command and the options every test server starts with, {@code more} among them. */
    private static List<String> jvm(String maxHeap, List<String> more) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(maxHeap);
        // a test server lives seconds: with the quick compiler alone it starts in about half the time
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--enable-native-access=ALL-UNNAMED"); // Netty's epoll library; the jar's manifest says the same
        command.addAll(more);
        command.add("-Dserver.port=0");
        command.add("-Dnemesis.admin-port=0");
        return command;
    }

    /** A server for {@link StartupCache} to learn from: the options every server has, {@code options} and {@code classpath}. */
    static ServerProcess startForTraining(String classpath, String... options) throws IOException {
        List<String> command = jvm("-Xmx512m", List.of(options));
        command.addAll(List.of("-cp", classpath, "io.nemesisdb.Main"));
        return new ServerProcess(new ProcessBuilder(command).start());
    }

    /** Runs {@code command} as it is (a launcher script, {@code java -jar}), with {@code environment} added. */
    public static ServerProcess startCommand(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start());
    }

    public static ServerProcess start(Map<String, String> settings, String... args) throws IOException {
        return start(settings, Map.of(), args);
    }

    /** As {@link #start(Map, String...)}, with a heap of at most {@code maxHeap} (a {@code -Xmx} value such as {@code 128m}). */
    public static ServerProcess startWithHeap(String maxHeap, Map<String, String> settings) throws IOException {
        return start(List.of(), settings, Map.of(), List.of(), "-Xmx" + maxHeap);
    }

    /** As {@link #start(Map, String...)}, in a process that may open at most {@code files} files ({@code ulimit -n}). */
    public static ServerProcess startWithFileLimit(int files, Map<String, String> settings) throws IOException {
        return start(List.of(), settings, Map.of(), List.of("sh", "-c", "ulimit -n " + files + " && exec \"$0\" \"$@\""), "-Xmx512m");
    }

    /** Waits until the server listens and returns its port; fails if it exits or takes over 60 s. */
    public int awaitReady() throws InterruptedException {
        return awaitReady(60);
    }

    /** As {@link #awaitReady()}, for a start-up that may take up to {@code seconds} (a cluster member's join). */
    public int awaitReady(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ready.await(100, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + ": " + stderr);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("server not ready after " + seconds + " s: " + stdout + stderr);
            }
        }
        return port;
    }

    /** The WebSocket port that the server's start-up line {@code line} announces, or -1 when it is not that line. */
    public static int readyPort(String line) {
        Matcher matcher = READY.matcher(line);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
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

    /** The admin port (health, metrics), once {@link #awaitReady()} has returned. */
    public int adminPort() {
        return adminPort;
    }

    public Process process() {
        return process;
    }

    /**
     * Sends SIGTERM, with kill(1): {@link Process#destroy()} sends it too but also closes the
     * streams this reads, losing what the server prints while it stops.
     */
    public void terminate() throws IOException, InterruptedException {
        signal("TERM");
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    public void interrupt() throws IOException, InterruptedException {
        signal("INT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int status = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (status != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed with " + status);
        }
    }

    /** Sends SIGKILL, as a crash or {@code kill -9} would, and waits for the process to end. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public List<String> stdout() {
        return stdout;
    }

    public List<String> stderr() {
        return stderr;
    }

    /** What the server has written to stderr so far (its log), as one text. */
    public String log() {
        return String.join("\n", stderr);
    }

    private void follow(java.io.InputStream stream, List<String> lines, boolean watchForReady) {
        // platform threads: a read of the child's pipe holds its carrier, and six such readers (a
        // cluster of three) left a test's own virtual threads without one
        readers.add(Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    Matcher matcher = READY.matcher(line);
                    if (watchForReady && matcher.find()) {
                        port = Integer.parseInt(matcher.group(1));
                        adminPort = matcher.group(2) == null ? -1 : Integer.parseInt(matcher.group(2));
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
