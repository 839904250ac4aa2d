package io.nemesisdb.persist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.nemesisdb.support.WsClient;

/**
 * A NemesisDB server in a child JVM (the test's own classpath and Java), for what an in-process
 * server cannot show: start-up failures with their exit status, and a kill -9 in the middle of a save.
 */
final class ChildServer implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("ready: .* ws://[^:]+:(\\d+)/");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private int port = -1;

    private ChildServer(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code io.nemesisdb.Main} with system properties {@code -Dk=v} and program arguments. */
    static ChildServer start(Path workDir, List<String> properties, List<String> args) throws IOException {
        return start(workDir, properties, args, "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    /** As {@link #start(Path, List, List)}, with the given JVM options. */
    static ChildServer start(Path workDir, List<String> properties, List<String> args, String... jvmOptions) throws IOException {
        Files.createDirectories(workDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-Dserver.port=0", "-Dnemesis.admin-port=0", "-cp", absoluteClassPath()));
        properties.forEach(p -> command.add("-D" + p));
        command.add("io.nemesisdb.Main");
        command.addAll(args);
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildServer(process, out, err);
    }

    /** This JVM's classpath with absolute entries, since the child runs in another directory. */
    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Waits for the start-up line and returns the port; fails when the process ends first. */
    int awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(Files.readString(stdout, StandardCharsets.UTF_8));
            if (ready.find()) {
                port = Integer.parseInt(ready.group(1));
                return port;
            }
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + ": " + stderr());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("server not ready within 120 s: " + stderr());
    }

    /** Waits for the process to end by itself and returns its exit status. */
    int awaitExit() throws Exception {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            throw new AssertionError("server still running: " + Files.readString(stdout));
        }
        return process.exitValue();
    }

    WsClient connect() throws IOException {
        return WsClient.connect(port);
    }

    /** Kills the server with SIGKILL, as a crash or {@code kill -9} would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
