package io.nemesisdb.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads a NemesisDB 0.6.4 configuration file ({@code --config=<file>}, JSON with comments) into
 * the settings it sets: {@code ip}, {@code port}, {@code sessionsEnabled}, {@code maxPayload},
 * {@code persist.enabled}, {@code persist.path}. {@code version}, {@code core} and other members
 * are ignored.
 */
public final class LegacyConfigFile {

    private LegacyConfigFile() {
    }

    /** The settings {@code file} sets, by MicroProfile Config name. */
    public static Map<String, String> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SettingsException("cannot read config file " + file + ": " + e.getMessage());
        }
        JsonObject root;
        try (JsonReader reader = Json.createReader(new StringReader(JsonComments.strip(text)))) {
            root = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new SettingsException("config file " + file + " is not a valid JSON object: " + e.getMessage());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Fields fields = new Fields(file, root);
        fields.string("ip", "server.host", settings);
        fields.number("port", "server.port", settings);
        fields.bool("sessionsEnabled", "nemesis.sessions-enabled", settings);
        fields.number("maxPayload", "nemesis.max-payload", settings);
        JsonValue persist = root.get("persist");
        if (persist != null) {
            if (!(persist instanceof JsonObject persistObject)) {
                throw new SettingsException("config file " + file + ": 'persist' must be an object");
            }
            Fields persistFields = new Fields(file, persistObject);
            persistFields.bool("enabled", "nemesis.persist.enabled", settings);
            persistFields.string("path", "nemesis.persist.path", settings);
        }
        return settings;
    }

    /** Typed access to the members of one object of the file, with messages naming the member. */
    private record Fields(Path file, JsonObject object) {

        void string(String member, String setting, Map<String, String> out) {
            JsonValue value = object.get(member);
            if (value == null) {
                return;
            }
            if (!(value instanceof JsonString string)) {
                throw wrongType(member, "a string");
            }
            out.put(setting, string.getString());
        }

        void number(String member, String setting, Map<String, String> out) {
            JsonValue value = object.get(member);
            if (value == null) {
                return;
            }
            if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.bigDecimalValue().signum() < 0) {
                throw wrongType(member, "a non-negative whole number");
            }
            out.put(setting, number.toString());
        }

        void bool(String member, String setting, Map<String, String> out) {
            JsonValue value = object.get(member);
            if (value == null) {
                return;
            }
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                throw wrongType(member, "true or false");
            }
            out.put(setting, value.toString());
        }

        private SettingsException wrongType(String member, String expected) {
            return new SettingsException("config file " + file + ": '" + member + "' must be " + expected);
        }
    }
}
