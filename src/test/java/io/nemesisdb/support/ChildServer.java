package io.nemesisdb.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server in its own JVM, started through {@code io.nemesisdb.Main} with the test's classpath
 * (plus extra entries) and free ports, so that tests can send it SIGTERM and watch it exit.
 */
public final class ChildServer implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("ready: .* ws://[^:]+:(\\d+)/, admin http://[^:]+:(\\d+)/");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<int[]> ports = new CompletableFuture<>();
    private final Thread reader;

    private ChildServer(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().start(this::readOutput);
    }

    /** Starts a server with {@code settings} as system properties and waits until it is ready. */
    public static ChildServer start(Map<String, String> settings, List<Path> extraClasspath) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dserver.port=0");
        command.add("-Dnemesis.admin-port=0");
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        List<String> classpath = new ArrayList<>();
        extraClasspath.forEach(path -> classpath.add(path.toString()));
        String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        classpath.addAll(List.of(testClasspath.split(File.pathSeparator)));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add("io.nemesisdb.Main");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ChildServer server = new ChildServer(process);
        try {
            server.ports.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("child server did not start: " + server.output(), e);
        }
        return server;
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    ports.complete(new int[] {Integer.parseInt(ready.group(1)), Integer.parseInt(ready.group(2))});
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        ports.completeExceptionally(new IllegalStateException("process ended"));
    }

    public int port() {
        return ports.join()[0];
    }

    public int adminPort() {
        return ports.join()[1];
    }

    /** Sends SIGTERM, with kill(1): {@link Process#destroy()} would also close the output we read. */
    public void terminate() throws IOException, InterruptedException {
        int status = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("kill -TERM " + process.pid() + " failed with " + status);
        }
    }

    /** The exit status, once the process has ended within {@code timeout}, and all its output read. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("child server still running after " + timeout + ": " + output());
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** Everything the process printed so far. */
    public String output() {
        return output.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
