package io.nemesisdb.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.nemesisdb.security.KeyFile;
import io.nemesisdb.security.KeyHash;
import io.nemesisdb.security.Role;
import io.nemesisdb.support.ConformanceRun;
import io.nemesisdb.support.ServerProcess;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the language-neutral conformance suite (conformance-tests/) against the packaged server:
 * for each transport and server configuration a fresh server JVM on a free loopback port, then the
 * suite's runner in this JVM (compiled from its sources and loaded on a class loader of its own for
 * each run, so it stays free of the project's classes and the runs share nothing), printing into the
 * build log when the run ends. Fails when the runner reports a failing case. The runs go on three at
 * a time (the failsafe configuration in pom.xml), the longest first: each mostly waits for replies and
 * for the suite's expiry cases (93 s one after the other, 36 s this way, on two cores).
 */
@Execution(ExecutionMode.CONCURRENT)
class ConformanceSuiteIT {

    /** The server's WebSocket transports (setting nemesis.transport); add one here to run the suite on it. */
    static final List<String> TRANSPORTS = List.of("netty", "jakarta");

    /** Small enough that the oversize cases stay cheap; passed to both the server and the runner. */
    static final int MAX_PAYLOAD = 65536;

    private static final Path JAR = Path.of("target", "nemesisdb.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** A server lives a minute at most: the quick compiler alone starts it in about half the time. */
    private static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    private static URL runnerClasses;

    @BeforeAll
    static void compileRunner() throws Exception {
        runnerClasses = ConformanceRun.compile();
    }

    /**
     * One server configuration the suite runs against; a secured one speaks TLS and requires access
     * keys (the runner connects over wss:// with a key of each role).
     */
    record Setup(String mode, boolean persistence, boolean secured) {
        String label() {
            return mode + (persistence ? "" : "-no-persistence") + (secured ? "-tls-keys" : "");
        }
    }

    /**
     * Every configuration on the default transport; on the others, what the transport can change
     * (both modes, and TLS with keys), not the disabled-persistence cases, which never reach it.
     */
    static Stream<Arguments> runs() {
        List<Setup> everything = List.of(new Setup("kv", true, false), new Setup("sessions", true, false),
                new Setup("kv", false, false), new Setup("sessions", false, false),
                new Setup("kv", true, true), new Setup("sessions", true, true));
        List<Setup> transportOnly = List.of(new Setup("kv", true, false), new Setup("sessions", true, false),
                new Setup("kv", true, true));
        // the long runs first (sessions mode's full suite waits out its expiry cases), so that the
        // short ones fill in beside them
        Comparator<Setup> longestFirst = Comparator.comparing(s -> !(s.mode().equals("sessions") && s.persistence() && !s.secured()));
        return TRANSPORTS.stream().flatMap(t -> (t.equals(TRANSPORTS.get(0)) ? everything : transportOnly).stream()
                .map(s -> Map.entry(t, s)))
                .sorted(Map.Entry.comparingByValue(longestFirst))
                .map(run -> Arguments.of(run.getKey(), run.getValue()));
    }

    /** The keys of a secured server, by role, and the key file it reads them from. */
    private static Map<String, String> writeKeys(Path keyFile) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        List<KeyFile.Entry> entries = new ArrayList<>();
        for (Role role : Role.values()) {
            String key = KeyHash.newKey();
            keys.put(role.label(), key);
            entries.add(new KeyFile.Entry(role.label(), role, KeyHash.of(key)));
        }
        KeyFile.write(keyFile, entries);
        return keys;
    }

    /** A certificate authority and a server certificate for 127.0.0.1 it issued, as PEM files in {@code dir}. */
    private static void writeCertificates(Path dir) throws Exception {
        CertificateBuilder base = new CertificateBuilder().notBefore(Instant.now().minus(1, ChronoUnit.DAYS))
                .notAfter(Instant.now().plus(1, ChronoUnit.DAYS)).ecp256();
        X509Bundle authority = base.copy().subject("CN=conformance authority").setIsCertificateAuthority(true).buildSelfSigned();
        X509Bundle server = base.copy().subject("CN=127.0.0.1").addSanIpAddress("127.0.0.1").buildIssuedBy(authority);
        Files.writeString(dir.resolve("ca.pem"), authority.getCertificatePEM());
        Files.writeString(dir.resolve("server.pem"), server.getCertificatePathPEM());
        Files.writeString(dir.resolve("server.key"), server.getPrivateKeyPEM());
    }

    @ParameterizedTest(name = "{0} transport, {1}")
    @MethodSource("runs")
    void serverPassesTheConformanceSuite(String transport, Setup setup) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run the suite with ./mvnw verify");
        Path persistDir = Files.createTempDirectory("nemesis-conformance-");  // also holds a secured server's keys and certificates
        String name = transport + "-" + setup.label();
        Path serverLog = Path.of("target", "conformance-server-" + name + ".log");
        List<String> serverCommand = new ArrayList<>(List.of(JAVA, QUICK_START,
                "-Dserver.host=127.0.0.1",
                "-Dserver.port=0", // a free port, announced in the start-up line
                "-Dnemesis.admin-port=0", // a free port: the default one may be taken on a shared machine
                "-Dnemesis.transport=" + transport,
                "-Dnemesis.sessions-enabled=" + setup.mode().equals("sessions"),
                "-Dnemesis.max-payload=" + MAX_PAYLOAD,
                "-Dnemesis.persist.enabled=" + setup.persistence(),
                "-Dnemesis.persist.path=" + persistDir));
        List<String> access = new ArrayList<>();
        if (setup.secured()) {
            writeCertificates(persistDir);
            Map<String, String> keys = writeKeys(persistDir.resolve("keys.json"));
            serverCommand.addAll(List.of("-Dnemesis.auth.file=" + persistDir.resolve("keys.json"),
                    "-Dnemesis.tls.certificate=" + persistDir.resolve("server.pem"),
                    "-Dnemesis.tls.private-key=" + persistDir.resolve("server.key")));
            access.addAll(List.of("--ca", persistDir.resolve("ca.pem").toString(), "--auth-key", keys.get("admin"),
                    "--key", "readwrite=" + keys.get("readwrite"), "--key", "readonly=" + keys.get("readonly")));
        }
        serverCommand.addAll(List.of("-jar", JAR.toString()));
        Process server = new ProcessBuilder(serverCommand)
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        Thread stopServer = new Thread(server::destroyForcibly); // if the build is interrupted
        Runtime.getRuntime().addShutdownHook(stopServer);
        try {
            int port = awaitReady(server, serverLog);
            List<String> arguments = new ArrayList<>(List.of(
                    "--url", (setup.secured() ? "wss" : "ws") + "://127.0.0.1:" + port + "/",
                    "--mode", setup.mode(),
                    "--max-payload", Integer.toString(MAX_PAYLOAD),
                    "--persistence", setup.persistence() ? "on" : "off",
                    "--report", "target/conformance-" + name + ".xml",
                    "--persist-path", persistDir.toString())); // the runner removes the datasets it saved
            arguments.addAll(access);
            if (!setup.persistence()) {
                // everything else already ran against the server with persistence on
                arguments.addAll(List.of("--only-tag", "no-persistence"));
            }
            if (setup.secured()) {
                // what TLS and keys change: the handshake, the frames, and what each role may do
                arguments.addAll(List.of("--only", "^(security|transport|envelope)\\."));
            }
            int exit = ConformanceRun.run(runnerClasses, name, arguments);
            assertEquals(0, exit, "conformance suite failed against the " + name + " server (failing cases above; "
                    + (server.isAlive() ? "" : "the server exited with " + server.exitValue() + "; ")
                    + "server log " + serverLog + ")");
            try (Stream<Path> left = Files.list(persistDir)) {
                assertEquals(List.of(), left.filter(Files::isDirectory).toList(), "datasets the runner saved and did not remove");
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopServer);
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            deleteTree(persistDir);
        }
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
