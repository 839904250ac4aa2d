package io.nemesisdb.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@code ./mvnw -Pserve} runs inside Maven's JVM: starts the packaged server in a child JVM
 * (the JDK Maven runs on) with the {@code -D} settings given to Maven, and ties the two together.
 * Stopping Maven (Ctrl-C, {@code kill}) stops the server gracefully before Maven exits, and Maven
 * exits with the server's status. The server is not run inside Maven's JVM itself because its CDI
 * container does not see the application's beans through the class loader Maven gives a plugin.
 */
public final class MavenServe {

    /** Longer than the longest graceful shutdown ({@code nemesis.shutdown-timeout} is at most 3600 s). */
    private static final long STOP_WAIT_SECONDS = 3700;

    private MavenServe() {
    }

    /** {@code args}: the server's jar, then the JVM options of the server. */
    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> command = command(Path.of(System.getProperty("java.home"), "bin", "java"), Path.of(args[0]),
                List.of(args).subList(1, args.length), System.getProperties());
        Process server = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "stop-server"));
        int status = server.waitFor();
        System.exit(status); // Maven's exit status is the server's, without a build report around it
    }

    /**
     * The child's command line: {@code java}, the JVM options, every {@code server.*} and
     * {@code nemesis.*} system property of this JVM (the {@code -D} settings given to Maven), then
     * {@code -jar} and the jar.
     */
    static List<String> command(Path java, Path jar, List<String> jvmOptions, Map<Object, Object> properties) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        properties.forEach((name, value) -> {
            if (name instanceof String key && isSetting(key)) {
                command.add("-D" + key + "=" + value);
            }
        });
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private static boolean isSetting(String name) {
        return name.startsWith("nemesis.") || name.startsWith("server.");
    }

    /** SIGTERM to the server, then wait for its graceful shutdown to finish. */
    private static void stop(Process server) {
        if (!server.isAlive()) {
            return;
        }
        server.destroy();
        try {
            server.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
