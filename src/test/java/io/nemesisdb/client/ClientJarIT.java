package io.nemesisdb.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import io.nemesisdb.support.ServerProcess;
import org.junit.jupiter.api.Test;

/**
 * target/nemesisdb-client.jar holds the client and nothing of the server, and needs only the JSON-P
 * and JSON-B jars: jdeps finds no dependency missing from them, and a program using the client runs
 * with them alone on its class path against a real server.
 */
class ClientJarIT {

    static final Path CLIENT_JAR = Path.of("target/nemesisdb-client.jar");
    static final List<String> JSON_JARS = List.of("jakarta.json-api-", "jakarta.json.bind-api-", "parsson-", "yasson-");

    /** The client jar and the JSON jars beside the server's jar, as a class path. */
    static String classPath() throws IOException {
        List<String> entries = new ArrayList<>(List.of(CLIENT_JAR.toString()));
        try (Stream<Path> libs = Files.list(Path.of("target/libs"))) {
            List<Path> all = libs.toList();
            for (String prefix : JSON_JARS) {
                Path jar = all.stream().filter(path -> path.getFileName().toString().matches(java.util.regex.Pattern.quote(prefix) + "\\d.*\\.jar")).findFirst()
                        .orElseThrow(() -> new AssertionError("no " + prefix + "*.jar in target/libs"));
                entries.add(jar.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    @Test
    void theJarHoldsOnlyTheClientAndTheStatusEnum() throws IOException {
        try (JarFile jar = new JarFile(CLIENT_JAR.toFile())) {
            List<String> foreign = jar.stream().map(entry -> entry.getName())
                    .filter(name -> !name.endsWith("/") && !name.startsWith("META-INF/") && !name.startsWith("io/nemesisdb/client/")
                            && !name.equals("io/nemesisdb/protocol/Status.class"))
                    .toList();
            assertEquals(List.of(), foreign);
            assertTrue(jar.getEntry("io/nemesisdb/client/NemesisClient.class") != null);
        }
    }

    @Test
    void jdepsFindsNothingMissingBesideTheJsonJarsOutsideTheCdiProducer() throws IOException {
        String classPath = classPath();
        String jsonJars = classPath.substring(classPath.indexOf(File.pathSeparator) + 1);
        StringWriter out = new StringWriter();
        int status = ToolProvider.findFirst("jdeps").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), "--missing-deps", "--multi-release", "21", "-cp", jsonJars, CLIENT_JAR.toString());
        assertEquals(0, status, out.toString());
        // "  io.nemesisdb.client.X  ->  some.Class  not found": only the CDI producer may need more (CDI, MicroProfile Config)
        List<String> missing = out.toString().lines().filter(line -> line.startsWith(" ") && line.contains("not found")).toList();
        assertEquals(List.of(), missing.stream().filter(line -> !line.strip().startsWith("io.nemesisdb.client.cdi.")).toList(), out.toString());
        assertTrue(missing.stream().anyMatch(line -> line.contains("NemesisClientProducer")), "jdeps reports what it misses: " + out);
    }

    @Test
    void aProgramRunsWithTheClientJarAndTheJsonJarsAlone() throws Exception {
        Path program = Path.of("target/client-jar-it/ClientSmoke.java");
        Files.createDirectories(program.getParent());
        Files.writeString(program, """
                import java.net.URI;
                import java.util.Map;
                import io.nemesisdb.client.NemesisClient;
                import io.nemesisdb.client.NemesisCommands;
                import io.nemesisdb.client.NemesisStatusException;

                public class ClientSmoke {
                    public record User(String name, int age) { }

                    public static void main(String[] args) {
                        try (NemesisClient client = NemesisClient.connect(URI.create(args[0]))) {
                            NemesisCommands kv = client.sync();
                            kv.set("user", new User("Ann", 41));
                            kv.setQ(Map.of("n", 1));
                            try {
                                kv.addQ(Map.of());
                            } catch (NemesisStatusException e) {
                                System.out.println("status " + e.status());
                            }
                            System.out.println(kv.get("user", User.class) + " " + kv.count());
                        }
                    }
                }
                """);
        try (ServerProcess server = ServerProcess.start(Map.of())) {
            int port = server.awaitReady();
            Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath(), program.toString(), "ws://127.0.0.1:" + port + "/").redirectErrorStream(true).start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(run.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, run.exitValue(), output);
            assertEquals(List.of("status VALUE_SIZE", "User[name=Ann, age=41] 2"), output.lines().toList());
        }
    }

    @Test
    void theServersJarRunsTheCliOneShotAndInAPipe() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of())) {
            String url = "ws://127.0.0.1:" + server.awaitReady() + "/";
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process oneShot = new ProcessBuilder(java, "-jar", "target/nemesisdb.jar", "cli", "--url", url,
                    "{\"KV_SET\":{\"keys\":{\"a\":1}}}", "{\"KV_GET\":{\"keys\":[\"a\"]}}").redirectErrorStream(true).start();
            String output = new String(oneShot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(oneShot.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, oneShot.exitValue(), output);
            assertEquals(List.of("{\"KV_SET_RSP\":{\"st\":1}}", "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"a\":1}}}"), output.lines().toList());

            Process piped = new ProcessBuilder("sh", "-c", "echo '{\"KV_COUNT\":{}}' | \"$0\" -jar target/nemesisdb.jar cli --url \"$1\"", java, url)
                    .redirectErrorStream(true).start();
            String pipedOutput = new String(piped.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(piped.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, piped.exitValue(), pipedOutput);
            assertEquals(List.of("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":1}}"), pipedOutput.lines().toList());

            Process failing = new ProcessBuilder(java, "-jar", "target/nemesisdb.jar", "cli", "--url", url, "{\"KV_RMV\":{\"keys\":[]}}")
                    .redirectErrorStream(true).start();
            failing.getInputStream().readAllBytes();
            assertTrue(failing.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, failing.exitValue());
        }
    }
}
