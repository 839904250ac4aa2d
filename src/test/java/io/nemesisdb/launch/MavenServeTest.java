package io.nemesisdb.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** ./mvnw -Pserve: the -D settings given to Maven reach the server it starts. */
class MavenServeTest {

    @Test
    void theSettingsAmongMavensSystemPropertiesGoToTheServerBeforeTheJar() {
        Map<Object, Object> properties = new TreeMap<>(Map.of(
                "nemesis.sessions-enabled", "true", "server.port", "2000", "nemesis.sesions-enabled", "true",
                "java.home", "/jdk", "skipTests", "true", "maven.repo.local", "/m2"));
        assertEquals(List.of("/jdk/bin/java", "-Xmx1g", "-Dnemesis.sesions-enabled=true", "-Dnemesis.sessions-enabled=true",
                        "-Dserver.port=2000", "-jar", "/p/target/nemesisdb.jar"),
                MavenServe.command(Path.of("/jdk/bin/java"), Path.of("/p/target/nemesisdb.jar"), List.of("-Xmx1g"), properties));
    }
}
