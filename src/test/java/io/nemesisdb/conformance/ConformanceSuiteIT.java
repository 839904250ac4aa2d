package io.nemesisdb.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.nemesisdb.support.ServerProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the language-neutral conformance suite (conformance-tests/) against the packaged server:
 * for each transport and server configuration a fresh server JVM on a free loopback port, then the
 * suite's runner as a child process, whose output is streamed into the build log. Fails when the
 * runner reports a failing case.
 */
class ConformanceSuiteIT {

    /** The server's WebSocket transports (setting nemesis.transport); add one here to run the suite on it. */
    static final List<String> TRANSPORTS = List.of("netty", "jakarta");

    /** Small enough that the oversize cases stay cheap; passed to both the server and the runner. */
    static final int MAX_PAYLOAD = 65536;

    private static final Path JAR = Path.of("target", "nemesisdb.jar");
    private static final Path RUNNER = Path.of("conformance-tests", "runner", "ConformanceRunner.java");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** One server configuration the suite runs against. */
    record Setup(String mode, boolean persistence) {
        String label() {
            return mode + (persistence ? "" : "-no-persistence");
        }
    }

    static Stream<Arguments> runs() {
        List<Setup> setups = List.of(new Setup("kv", true), new Setup("sessions", true),
                new Setup("kv", false), new Setup("sessions", false));
        return TRANSPORTS.stream().flatMap(t -> setups.stream().map(s -> Arguments.of(t, s)));
    }

    @ParameterizedTest(name = "{0} transport, {1}")
    @MethodSource("runs")
    void serverPassesTheConformanceSuite(String transport, Setup setup) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run the suite with ./mvnw verify");
        Path persistDir = Files.createTempDirectory("nemesis-conformance-");
        String name = transport + "-" + setup.label();
        Path serverLog = Path.of("target", "conformance-server-" + name + ".log");
        Process server = new ProcessBuilder(JAVA,
                "-Dserver.host=127.0.0.1",
                "-Dserver.port=0", // a free port, announced in the start-up line
                "-Dnemesis.admin-port=0", // a free port: the default one may be taken on a shared machine
                "-Dnemesis.transport=" + transport,
                "-Dnemesis.sessions-enabled=" + setup.mode().equals("sessions"),
                "-Dnemesis.max-payload=" + MAX_PAYLOAD,
                "-Dnemesis.persist.enabled=" + setup.persistence(),
                "-Dnemesis.persist.path=" + persistDir,
                "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        Thread stopServer = new Thread(server::destroyForcibly); // if the build is interrupted
        Runtime.getRuntime().addShutdownHook(stopServer);
        try {
            int port = awaitReady(server, serverLog);
            List<String> command = new ArrayList<>(List.of(JAVA, RUNNER.toString(),
                    "--url", "ws://127.0.0.1:" + port + "/",
                    "--mode", setup.mode(),
                    "--max-payload", Integer.toString(MAX_PAYLOAD),
                    "--persistence", setup.persistence() ? "on" : "off",
                    "--report", "target/conformance-" + name + ".xml"));
            if (!setup.persistence()) {
                // everything else already ran against the server with persistence on
                command.addAll(List.of("--only-tag", "no-persistence"));
            }
            System.out.println("conformance suite, " + name + ": " + String.join(" ", command));
            int exit = runStreamingOutput(command);
            assertEquals(0, exit, "conformance suite failed against the " + name + " server (failing cases above; "
                    + (server.isAlive() ? "" : "the server exited with " + server.exitValue() + "; ")
                    + "server log " + serverLog + ")");
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopServer);
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            deleteTree(persistDir);
        }
    }

    /** Runs the runner, copying its output line by line into this JVM's output (and so the build log). */
    private static int runStreamingOutput(List<String> command) throws Exception {
        Process runner = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread stopRunner = new Thread(runner::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(stopRunner);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(System.out::println);
        }
        boolean exited = runner.waitFor(1, TimeUnit.MINUTES);
        Runtime.getRuntime().removeShutdownHook(stopRunner);
        if (!exited) {
            runner.destroyForcibly();
            fail("the conformance runner did not exit");
        }
        return runner.exitValue();
    }

    /** Waits for the server's start-up line and returns the port it announces; fails if it exits or takes over a minute. */
    private static int awaitReady(Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            // decoded leniently: the server may be half-way through writing a character
            for (String line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList()) {
                int port = ServerProcess.readyPort(line);
                if (port > 0) {
                    return port;
                }
            }
            if (!server.isAlive()) {
                fail("the server exited with " + server.exitValue() + " before it was ready:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return fail("the server was not ready within 60 s:\n" + Files.readString(log));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
