package io.nemesisdb.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

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
 * {@code persist.enabled}, {@code persist.path}. {@code version} and {@code core} are ignored; any
 * other member is ignored with a warning, as it is most likely misspelt.
 */
public final class LegacyConfigFile {

    private LegacyConfigFile() {
    }

    private static final Set<String> MEMBERS = Set.of("version", "core", "ip", "port", "sessionsEnabled", "maxPayload", "persist");
    private static final Set<String> PERSIST_MEMBERS = Set.of("enabled", "path");

    /** The settings {@code file} sets, by MicroProfile Config name; each unknown member is reported to {@code warnings}. */
    public static Map<String, String> read(Path file, Consumer<String> warnings) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SettingsException("config file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new SettingsException("cannot read config file " + file + ": permission denied");
        } catch (IOException e) {
            throw new SettingsException(Files.isDirectory(file) ? "config file " + file + " is a directory"
                    : "cannot read config file " + file + ": " + e.getMessage());
        }
        JsonObject root;
        try (JsonReader reader = Json.createReader(new StringReader(JsonComments.strip(text)))) {
            root = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new SettingsException("config file " + file + " is not a valid JSON object: " + e.getMessage());
        }
        warnUnknown(file, root, MEMBERS, "", warnings);
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
            warnUnknown(file, persistObject, PERSIST_MEMBERS, "persist.", warnings);
            Fields persistFields = new Fields(file, persistObject);
            persistFields.bool("enabled", "nemesis.persist.enabled", settings);
            persistFields.string("path", "nemesis.persist.path", settings);
        }
        return settings;
    }

    private static void warnUnknown(Path file, JsonObject object, Set<String> known, String prefix, Consumer<String> warnings) {
        object.keySet().stream().filter(member -> !known.contains(member)).forEach(member -> warnings.accept(
                "config file " + file + ": unknown member '" + prefix + member + "' is ignored (known: "
                        + String.join(", ", known.stream().sorted().map(name -> prefix + name).toList()) + ")"));
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
