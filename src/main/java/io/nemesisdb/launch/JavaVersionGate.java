package io.nemesisdb.launch;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The jar's Main-Class, compiled for Java 8 (see pom.xml) so that any Java can load it: on a Java
 * older than 21 it prints one line saying so, where the JVM would print an
 * {@code UnsupportedClassVersionError} and a stack trace; on 21 or newer it runs
 * {@code io.nemesisdb.Main}.
 */
public final class JavaVersionGate {

    static final int REQUIRED = 21;

    private JavaVersionGate() {
    }

    public static void main(String[] args) throws Throwable {
        String problem = problem(System.getProperty("java.specification.version"), System.getProperty("java.home"));
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
        }
        // looked up by name: this class must not link against classes a Java 8 cannot load
        MethodHandle main = MethodHandles.lookup().findStatic(Class.forName("io.nemesisdb.Main"), "main",
                MethodType.methodType(void.class, String[].class));
        main.invokeExact(args);
    }

    /** The line to print when {@code specificationVersion} ("1.8", "17", "21") is too old, else null. */
    static String problem(String specificationVersion, String javaHome) {
        String feature = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = feature.indexOf('.');
        int version;
        try {
            version = Integer.parseInt(dot < 0 ? feature : feature.substring(0, dot));
        } catch (NumberFormatException e) {
            return null; // an unknown scheme: let the JVM decide
        }
        if (version >= REQUIRED) {
            return null;
        }
        return "nemesisdb: needs Java " + REQUIRED + " or newer, but this is Java " + version + " (" + javaHome
                + "): run target/nemesisdb, which finds a Java " + REQUIRED + "+ as mvnw does, or set JAVA_HOME to one";
    }
}
