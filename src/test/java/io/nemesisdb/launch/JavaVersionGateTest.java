package io.nemesisdb.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The jar's Main-Class: a Java older than 21 gets one line instead of an UnsupportedClassVersionError. */
class JavaVersionGateTest {

    @Test
    void aJavaOlderThan21GetsOneLineNamingItAndTheLauncher() {
        assertEquals("nemesisdb: needs Java 21 or newer, but this is Java 17 (/usr/lib/jvm/java-17): run target/nemesisdb,"
                + " which finds a Java 21+ as mvnw does, or set JAVA_HOME to one", JavaVersionGate.problem("17", "/usr/lib/jvm/java-17"));
        assertEquals("nemesisdb: needs Java 21 or newer, but this is Java 8 (/opt/jre8): run target/nemesisdb,"
                + " which finds a Java 21+ as mvnw does, or set JAVA_HOME to one", JavaVersionGate.problem("1.8", "/opt/jre8"));
    }

    @Test
    void java21AndNewerPass() {
        assertNull(JavaVersionGate.problem("21", "x"));
        assertNull(JavaVersionGate.problem("25", "x"));
        assertNull(JavaVersionGate.problem(Integer.toString(Runtime.version().feature()), "x"));
    }
}
