package io.nemesisdb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 0.6.4 command line and its JSON-with-comments config file. */
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
    void unreadableConfigFileIsReported() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> LaunchOptions.parse(new String[] {"--config=" + dir.resolve("absent.json")}));
        assertTrue(e.getMessage().startsWith("cannot read config file"), e.getMessage());
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
