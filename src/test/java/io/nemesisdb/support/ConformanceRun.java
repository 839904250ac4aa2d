package io.nemesisdb.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

/**
 * The conformance suite's runner (conformance-tests/runner), compiled from its sources and run in
 * this JVM on a class loader of its own, so that it stays free of the project's classes and runs
 * share nothing; for the tests that run the suite against servers they started.
 */
public final class ConformanceRun {

    private static final Path RUNNER_SOURCES = Path.of("conformance-tests", "runner");
    /** Where the runner is compiled once, instead of by each run. */
    private static final Path RUNNER_CLASSES = Path.of("target", "conformance-runner");

    /** The runner's classes once this JVM has compiled them: the cluster tests run the suite beside each other. */
    private static URL compiled;

    private ConformanceRun() {
    }

    /** Compiles the runner, the first time it is asked in this JVM; returns where its classes are. */
    public static synchronized URL compile() throws IOException {
        if (compiled != null) {
            return compiled;
        }
        Files.createDirectories(RUNNER_CLASSES);
        List<String> arguments = new ArrayList<>(List.of("-d", RUNNER_CLASSES.toString(), "-encoding", "UTF-8"));
        try (Stream<Path> sources = Files.list(RUNNER_SOURCES)) {
            sources.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> arguments.add(p.toString()));
        }
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new));
        assertEquals(0, status, "the runner in " + RUNNER_SOURCES + " does not compile");
        compiled = RUNNER_CLASSES.toUri().toURL();
        return compiled;
    }

    /**
     * Runs the runner compiled into {@code classes} with these arguments, on a class loader whose
     * parent is the platform's (the runner sees the JDK and nothing of the project or its tests),
     * and prints its output in one piece when it ends, so that runs going on at the same time do
     * not mix their lines. Returns its exit status.
     */
    public static int run(URL classes, String name, List<String> arguments) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
                PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            out.println("conformance suite, " + name + ": ConformanceRunner " + String.join(" ", arguments));
            Method run = Class.forName("ConformanceRunner", true, loader)
                    .getMethod("run", String[].class, PrintStream.class, PrintStream.class);
            return (int) run.invoke(null, arguments.toArray(String[]::new), out, out);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            synchronized (System.out) {
                System.out.print(output.toString(StandardCharsets.UTF_8));
                System.out.flush();
            }
        }
    }
}
