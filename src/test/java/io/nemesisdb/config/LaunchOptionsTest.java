package io.nemesisdb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: 0.6.4's options and its JSON-with-comments config file, and --help. */
class LaunchOptionsTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path file = dir.resolve("config.jsonc");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void configFileOf064IsTranslatedToSettings() throws IOException {
        Path config = file("""
                // NemesisDB 0.6.4 default config
                {
                  "version": 5, /* ignored */
                  "core": 0,
                  "ip": "127.0.0.2",
                  "port": 2000,
                  "maxPayload": 8192,
                  "sessionsEnabled": true,
                  "persist": { "enabled": false, "path": "./my // data" }
                }
                """);
        Map<String, String> settings = LaunchOptions.parse(new String[] {"--config=" + config});
        assertEquals(Map.of(
                "server.host", "127.0.0.2",
                "server.port", "2000",
                "nemesis.max-payload", "8192",
                "nemesis.sessions-enabled", "true",
                "nemesis.persist.enabled", "false",
                "nemesis.persist.path", "./my // data"), settings);
    }

    @Test
    void loadOptionsAcceptBothForms() {
        assertEquals(Map.of("nemesis.load.name", "ds", "nemesis.load.path", "/tmp/p"),
                LaunchOptions.parse(new String[] {"--loadName=ds", "--loadPath", "/tmp/p"}));
    }

    @Test
    void wrongTypeInConfigFileNamesTheMember() throws IOException {
        Path config = file("{\"port\":\"1987\"}");
        SettingsException e = assertThrows(SettingsException.class, () -> LaunchOptions.parse(new String[] {"--config=" + config}));
        assertTrue(e.getMessage().contains("'port'"), e.getMessage());
    }

    @Test
    void aMissingConfigFileIsReportedAsMissing() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> LaunchOptions.parse(new String[] {"--config=" + dir.resolve("absent.json")}));
        assertEquals("config file " + dir.resolve("absent.json") + " does not exist", e.getMessage());
    }

    @Test
    void aDirectoryAsConfigFileIsReportedAsADirectory() {
        SettingsException e = assertThrows(SettingsException.class, () -> LaunchOptions.parse(new String[] {"--config=" + dir}));
        assertEquals("config file " + dir + " is a directory", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--config=", "--loadName=", "--loadPath=", "--loadName= "})
    void anEmptyOptionValueIsRejected(String arg) {
        SettingsException e = assertThrows(SettingsException.class, () -> LaunchOptions.parse(new String[] {arg}));
        assertTrue(e.getMessage().startsWith("option " + arg.substring(0, arg.indexOf('=')) + " needs a"), e.getMessage());
        assertTrue(e.getMessage().endsWith("got an empty value"), e.getMessage());
    }

    @Test
    void unknownConfigFileMembersAreIgnoredWithAWarningEach() throws IOException {
        Path config = file("{\"version\":5,\"core\":0,\"sesionsEnabled\":true,\"persist\":{\"enabled\":false,\"pth\":\"x\"}}");
        List<String> warnings = new ArrayList<>();
        assertEquals(Map.of("nemesis.persist.enabled", "false"), LaunchOptions.parse(new String[] {"--config=" + config}, warnings::add));
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("unknown member 'sesionsEnabled' is ignored"), warnings.get(0));
        assertTrue(warnings.get(1).contains("unknown member 'persist.pth' is ignored"), warnings.get(1));
    }

    @Test
    void theMembersOfA064ConfigFileGetNoWarning() throws IOException {
        Path config = file("{\"version\":5,\"core\":0,\"ip\":\"127.0.0.1\",\"port\":1,\"sessionsEnabled\":true,"
                + "\"maxPayload\":8192,\"persist\":{\"enabled\":true,\"path\":\"d\"}}");
        List<String> warnings = new ArrayList<>();
        LaunchOptions.parse(new String[] {"--config", config.toString()}, warnings::add);
        assertEquals(List.of(), warnings);
    }

    @Test
    void helpListsEverySettingWithItsDefaultAndEnvironmentVariable() {
        String help = LaunchOptions.help(KnownSettings.load());
        for (KnownSettings.Setting setting : KnownSettings.load().all()) {
            assertTrue(help.lines().anyMatch(line -> line.matches("\\s+" + Pattern.quote(setting.name()) + "\\s+"
                    + Pattern.quote(setting.defaultValue().isEmpty() ? "(empty)" : setting.defaultValue()) + "\\s+"
                    + Pattern.quote(setting.environmentVariable()))), () -> setting + " missing from\n" + help);
        }
        assertTrue(help.contains("NEMESIS_SESSIONS_ENABLED"), help);
        assertTrue(help.contains("--config=<file>"), help);
    }

    @Test
    void malformedConfigFileIsReported() throws IOException {
        Path config = file("{\"port\": 1987,");
        SettingsException e = assertThrows(SettingsException.class, () -> LaunchOptions.parse(new String[] {"--config=" + config}));
        assertTrue(e.getMessage().contains("not a valid JSON object"), e.getMessage());
    }

    @Test
    void unknownOptionIsRejected() {
        SettingsException e = assertThrows(SettingsException.class, () -> LaunchOptions.parse(new String[] {"--port=1"}));
        assertTrue(e.getMessage().contains("unknown option"), e.getMessage());
    }

    @Test
    void optionWithoutValueIsRejected() {
        assertThrows(SettingsException.class, () -> LaunchOptions.parse(new String[] {"--loadName"}));
    }
}
