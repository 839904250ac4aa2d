package io.nemesisdb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The list of settings, read from the defaults file, against which misspelt settings are found. */
class KnownSettingsTest {

    private final KnownSettings known = KnownSettings.load();

    @Test
    void listsTheUserSettingsOfTheDefaultsFileInItsOrderWithoutHelidonsWiring() {
        List<String> names = known.all().stream().map(KnownSettings.Setting::name).toList();
        assertEquals(List.of("server.host", "server.port"), names.subList(0, 2));
        assertTrue(names.contains("nemesis.sessions-enabled"));
        assertFalse(names.stream().anyMatch(name -> name.startsWith("server.sockets") || name.startsWith("server.connection")), names::toString);
        assertEquals("1987", known.all().get(1).defaultValue());
    }

    @Test
    void environmentVariablesFollowMicroProfileConfigsRule() {
        assertEquals("NEMESIS_SESSIONS_SWEEP_INTERVAL_MS", KnownSettings.environmentVariable("nemesis.sessions.sweep-interval-ms"));
        assertTrue(known.isKnownEnvironmentVariable("NEMESIS_ADMIN_PORT"));
    }

    @Test
    void aMisspeltSettingIsUnknownWithTheClosestSuggested() {
        assertEquals(Optional.of("setting nemesis.sesions-enabled (System Properties) is not a NemesisDB setting and is ignored"
                + " (did you mean nemesis.sessions-enabled?)"), known.unknown("nemesis.sesions-enabled", "System Properties"));
        assertEquals(Optional.of("environment variable NEMESIS_SESSIONS_ENABLE is not a NemesisDB setting and is ignored"
                + " (did you mean NEMESIS_SESSIONS_ENABLED?)"), known.unknown("NEMESIS_SESSIONS_ENABLE", "environment"));
        assertEquals(Optional.of("environment variable NEMESIS_COLOUR is not a NemesisDB setting and is ignored"),
                known.unknown("NEMESIS_COLOUR", "environment"));
    }

    @Test
    void knownSettingsAndOtherNamesAreNotWarnedAbout() {
        assertEquals(Optional.empty(), known.unknown("nemesis.max-payload", "x"));
        assertEquals(Optional.empty(), known.unknown("NEMESIS_MAX_PAYLOAD", "x"));
        assertEquals(Optional.empty(), known.unknown("java.home", "x"));
        assertEquals(Optional.empty(), known.unknown("NEMESISDB_SERVICE_HOST", "x"));
    }

    @Test
    void theSettingsOfTheProjectsOwnClientsAreNotWarnedAbout() {
        assertEquals(Optional.empty(), known.unknown("nemesis.client.url", "x"));
        assertEquals(Optional.empty(), known.unknown("NEMESIS_CLIENT_KEY", "x"));
        assertEquals(Optional.empty(), known.unknown("NEMESIS_KEY", "x"));
    }

    /** A setting the code reads but the defaults file lacks would be warned about as unknown, and missing from --help. */
    @Test
    void everySettingTheCodeReadsHasADefault() throws IOException {
        Pattern read = Pattern.compile("(?:read\\.\\w+\\(|@ConfigProperty\\(name = )\"((?:nemesis|server)\\.[a-z0-9.-]+)\"");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = read.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        assertTrue(names.contains("nemesis.admin-port"), names::toString);
        for (String name : names) {
            assertTrue(known.isKnown(name), () -> name + " is read in src/main/java but has no default in microprofile-config.properties");
        }
    }
}
