package io.nemesisdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.nemesisdb.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server as the README runs it: the launcher target/nemesisdb, which finds a Java 21+
 * as mvnw does, and java -jar target/nemesisdb.jar on a Java that is too old.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("target", "nemesisdb");
    private static final Path JAR = Path.of("target", "nemesisdb.jar");
    private static final String JAVA_BIN = Path.of(System.getProperty("java.home"), "bin").toString();

    @TempDir
    Path dir;

    /** A Java home whose java says it is 17 and can run nothing. */
    private Path fakeJava17() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("jdk17/bin"));
        for (String tool : List.of("java", "javac")) {
            Path script = bin.resolve(tool);
            Files.writeString(script, """
                    #!/bin/sh
                    if [ "$1" = -version ]; then echo 'openjdk version "17.0.2" 2022-01-18' >&2; exit 0; fi
                    echo "this Java 17 cannot run NemesisDB" >&2; exit 3
                    """);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin.getParent();
    }

    @Test
    void theLauncherPassesOverATooOldJavaHomeForAJava21OnThePath() throws Exception {
        Map<String, String> environment = Map.of("JAVA_HOME", fakeJava17().toString(), "PATH", JAVA_BIN + ":/usr/bin:/bin");
        try (ServerProcess server = ServerProcess.startCommand(List.of(LAUNCHER.toString(), "--version"), environment)) {
            assertEquals(0, server.awaitExit(60), () -> String.valueOf(server.stderr()));
            assertEquals(1, server.stdout().size(), server.stdout()::toString);
            assertTrue(server.stdout().get(0).startsWith("NemesisDB "), server.stdout().get(0));
            assertTrue(server.stdout().get(0).contains("Java " + Runtime.version().feature()), server.stdout().get(0));
        }
    }

    @Test
    void theLauncherPassesTheLeadingJvmOptionsToJavaAndTheRestToTheServer() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"persist\":{\"enabled\":false}}");
        try (ServerProcess server = ServerProcess.startCommand(List.of(LAUNCHER.toString(), "-Xmx256m",
                "-Dnemesis.sessions-enabled=true", "-Dserver.port=0", "-Dnemesis.admin-port=0", "--config=" + config),
                Map.of("PATH", JAVA_BIN + ":/usr/bin:/bin"))) {
            server.awaitReady();
            assertTrue(server.stdout().get(0).contains("sessions mode"), server.stdout().get(0));
            assertTrue(server.stdout().get(0).contains("persist disabled"), server.stdout().get(0));
            server.terminate();
            assertEquals(0, server.awaitExit(60), () -> String.valueOf(server.stderr()));
        }
    }

    @Test
    void theLauncherTrimsTheNativeHeapUnlessTheUserSaysOtherwise() throws Exception {
        Map<String, String> path = Map.of("PATH", JAVA_BIN + ":/usr/bin:/bin");
        List<String> server = List.of("-Dserver.port=0", "-Dnemesis.admin-port=0", "-Dnemesis.persist.enabled=false");
        List<String> byDefault = jvmArguments(path, server);
        assertEquals(List.of("-XX:TrimNativeHeapInterval=2000"),
                byDefault.stream().filter(argument -> argument.startsWith("-XX:TrimNativeHeapInterval")).toList(), byDefault::toString);

        List<String> overridden = Stream.concat(Stream.of("-XX:TrimNativeHeapInterval=0"), server.stream()).toList();
        List<String> byTheUser = jvmArguments(path, overridden);
        assertEquals(List.of("-XX:TrimNativeHeapInterval=2000", "-XX:TrimNativeHeapInterval=0"),
                byTheUser.stream().filter(argument -> argument.startsWith("-XX:TrimNativeHeapInterval")).toList(), byTheUser::toString);
    }

    /** The command line of the JVM that the launcher runs with {@code options}, read while it serves. */
    private static List<String> jvmArguments(Map<String, String> environment, List<String> options) throws Exception {
        List<String> command = Stream.concat(Stream.of(LAUNCHER.toString()), options.stream()).toList();
        try (ServerProcess server = ServerProcess.startCommand(command, environment)) {
            server.awaitReady();
            String commandLine = Files.readString(Path.of("/proc", Long.toString(server.process().pid()), "cmdline"));
            server.terminate();
            assertEquals(0, server.awaitExit(60), () -> String.valueOf(server.stderr()));
            return List.of(commandLine.split("\0"));
        }
    }

    @Test
    void aJavaOlderThan21RunningTheJarGetsOneLine() throws Exception {
        Optional<Path> oldJava = installedJavaOlderThan21();
        assumeTrue(oldJava.isPresent(), "no Java older than 21 under /usr/lib/jvm");
        try (ServerProcess server = ServerProcess.startCommand(List.of(oldJava.get().toString(), "-jar", JAR.toString(), "--version"),
                Map.of())) {
            assertEquals(1, server.awaitExit(60));
            assertEquals(1, server.stderr().size(), server.stderr()::toString);
            assertTrue(server.stderr().get(0).startsWith("nemesisdb: needs Java 21 or newer, but this is Java "), server.stderr().get(0));
            assertEquals(List.of(), server.stdout());
        }
    }

    private static Optional<Path> installedJavaOlderThan21() throws IOException, InterruptedException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        List<Path> javas;
        try (Stream<Path> homes = Files.list(jvms)) {
            javas = homes.map(home -> home.resolve("bin/java")).filter(Files::isExecutable).toList();
        }
        for (Path java : javas) {
            Process version = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
            String output = new String(version.getInputStream().readAllBytes());
            version.waitFor(30, TimeUnit.SECONDS);
            Optional<Integer> feature = output.lines().map(String::strip).filter(line -> line.startsWith("java.specification.version = "))
                    .map(line -> line.substring(line.indexOf('=') + 1).strip()).map(v -> v.startsWith("1.") ? v.substring(2) : v)
                    .map(Integer::parseInt).findFirst();
            if (feature.isPresent() && feature.get() < 21) {
                return Optional.of(java);
            }
        }
        return Optional.empty();
    }
}
