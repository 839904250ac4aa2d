package io.nemesisdb.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes the test servers of {@link ServerProcess} start faster: an AOT cache (JEP 483, 514) of the
 * classes a server loads and links to start, made once by a training server and shared by every
 * child started after it (about 3.3 s of CPU to be ready against 5.5 s without, on the 2-core
 * build machine; the suite starts about a hundred). A cache holds classes from jars only, so the
 * test classpath's folders (target/classes, target/test-classes) are copied into jars for the
 * children. It lives in {@code target/startup-cache/<fingerprint of the classpath>/}, so the
 * surefire runs of one build, and the builds after it, share it until a class or resource changes. Until it is
 * ready, or when it cannot be made, children start as before: it only ever saves time.
 */
final class StartupCache {

    /** The cache and the classpath it was made with, which the children must use as it is. */
    record Launch(Path cache, String classpath) {

        /** The JVM options that use the cache; a JVM that cannot use it starts without, saying nothing. */
        List<String> options() {
            return List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off");
        }
    }

    private static final Path ROOT = Path.of("target/startup-cache").toAbsolutePath();

    private static final CompletableFuture<Optional<Launch>> LAUNCH =
            CompletableFuture.supplyAsync(StartupCache::prepare, runnable -> Thread.ofPlatform().daemon().start(runnable));

    private StartupCache() {
    }

    /** The cache, once ready; empty while the training server runs or if it failed. */
    static Optional<Launch> ready() {
        return LAUNCH.getNow(Optional.empty());
    }

    private static Optional<Launch> prepare() {
        try {
            String classpath = System.getProperty("java.class.path");
            Path dir = ROOT.resolve(fingerprint(classpath));
            Path cache = dir.resolve("server.aot");
            Path jarsClasspath = dir.resolve("classpath");
            if (!Files.exists(cache)) {
                Files.createDirectories(dir);
                Files.writeString(jarsClasspath, withFoldersAsJars(classpath, dir));
                train(Files.readString(jarsClasspath), dir, cache);
            }
            return Optional.of(new Launch(cache, Files.readString(jarsClasspath)));
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            System.out.println("test servers start without an AOT cache: " + e);
            return Optional.empty();
        }
    }

    /**
     * Starts a server that writes the cache when it exits, gives it a few commands, stops it with
     * SIGTERM and waits while the JVM assembles the cache; moves it into place only when complete.
     */
    private static void train(String classpath, Path dir, Path cache) throws IOException, InterruptedException {
        Path output = dir.resolve("training.aot");
        Path data = Files.createDirectories(dir.resolve("training-data"));
        try (ServerProcess server = ServerProcess.startForTraining(classpath, "-XX:AOTCacheOutput=" + output,
                "-Dnemesis.persist.path=" + data);
             WsClient client = WsClient.connect(server.awaitReady())) {
            client.request("{\"KV_SET\":{\"keys\":{\"a\":{\"b\":[1,\"c\"]}}}}");
            client.request("{\"KV_GET\":{\"keys\":[\"a\"]}}");
            server.terminate();
            if (server.awaitExit(180) != 0 || !Files.exists(output)) {
                throw new IOException("the training server made no cache: " + server.stdout());
            }
        }
        Files.move(output, cache, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code classpath} with each folder replaced by a jar of its content, written into {@code dir}. */
    private static String withFoldersAsJars(String classpath, Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = dir.resolve("folder-" + entries.size() + ".jar");
                writeJar(path, jar);
                entries.add(jar.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void writeJar(Path folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
             ZipOutputStream zip = new ZipOutputStream(file);
             Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(folder.relativize(path).toString().replace(File.separatorChar, '/')));
                Files.copy(path, zip);
                zip.closeEntry();
            }
        }
    }

    /** A hash of the JDK, the classpath, and the name and content of every file in its folders (a build copies resources anew). */
    private static String fingerprint(String classpath) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((System.getProperty("java.home") + "\n" + classpath).getBytes(StandardCharsets.UTF_8));
            for (String entry : classpath.split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (Files.isDirectory(path)) {
                    try (Stream<Path> files = Files.walk(path)) {
                        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                            digest.update(("\n" + file + "\n").getBytes(StandardCharsets.UTF_8));
                            digest.update(Files.readAllBytes(file));
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
